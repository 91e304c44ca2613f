// SPDX-License-Identifier: BSD-3-Clause
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array.h"
#include "elf_image.h"

static void add_section(struct code_section **list, size_t *n, Elf_Scn *scn, const GElf_Shdr *sh,
			const char *name)
{
	Elf_Data *data = elf_getdata(scn, NULL);

	if (!data || !data->d_buf || sh->sh_type != SHT_PROGBITS)
		return;
	*ARRAY_PUSH(*list, *n) = (struct code_section){
		.name = name,
		.addr = sh->sh_addr,
		.bytes = data->d_buf,
		.size = data->d_size,
		.entry_size = sh->sh_entsize ? sh->sh_entsize : 16,
	};
}

static bool is_exported(const GElf_Shdr *sh, const GElf_Sym *sym)
{
	int bind = GELF_ST_BIND(sym->st_info);

	return sh->sh_type == SHT_DYNSYM && (bind == STB_GLOBAL || bind == STB_WEAK) &&
	       GELF_ST_VISIBILITY(sym->st_other) == STV_DEFAULT;
}

static void add_symbols(struct elf_image *img, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	GElf_Sym sym;

	for (size_t i = 0; data && i < n; i++) {
		struct symbol **list = &img->symbols;
		size_t *count = &img->nsymbols;

		if (!gelf_getsym(data, i, &sym) || sym.st_shndx == SHN_UNDEF || !sym.st_value)
			continue;
		if (GELF_ST_TYPE(sym.st_info) == STT_OBJECT && sym.st_size) {
			list = &img->objects;
			count = &img->nobjects;
		} else if (GELF_ST_TYPE(sym.st_info) != STT_FUNC) {
			continue;
		}
		*ARRAY_PUSH(*list, *count) = (struct symbol){
			.addr = sym.st_value,
			.size = sym.st_size,
			.name = elf_strptr(img->elf, sh->sh_link, sym.st_name),
			.exported = is_exported(sh, &sym),
		};
	}
}

static void add_init(struct elf_image *img, uint64_t addr)
{
	if (!addr || addr == UINT64_MAX)
		return;
	*ARRAY_PUSH(img->init_fns, img->ninit) = addr;
}

/* JUMP_SLOT and GLOB_DAT relocations say which GOT slot holds which function. */
static void add_imports(struct elf_image *img, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL), *syms;
	Elf_Scn *symscn = elf_getscn(img->elf, sh->sh_link);
	GElf_Shdr symsh;
	GElf_Rela rela;
	GElf_Sym sym;
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;

	if (!data || !symscn || !gelf_getshdr(symscn, &symsh))
		return;
	syms = elf_getdata(symscn, NULL);
	for (size_t i = 0; syms && i < n; i++) {
		unsigned type;

		if (!gelf_getrela(data, i, &rela))
			continue;
		type = GELF_R_TYPE(rela.r_info);
		if (type == R_X86_64_RELATIVE && rela.r_offset >= img->init_array &&
		    rela.r_offset < img->init_array + img->init_array_size)
			add_init(img, rela.r_addend);
		if ((type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) ||
		    !gelf_getsym(syms, GELF_R_SYM(rela.r_info), &sym))
			continue;
		*ARRAY_PUSH(img->imports, img->nimports) = (struct import_slot){
			rela.r_offset, elf_strptr(img->elf, symsh.sh_link, sym.st_name)};
	}
}

/* Constructors; in position-independent objects their addresses may only be relocations. */
static void add_init_array(struct elf_image *img, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);

	for (size_t off = 0; data && data->d_buf && off + 8 <= data->d_size; off += 8)
		add_init(img, *(const uint64_t *)((const char *)data->d_buf + off));
	img->init_array = sh->sh_addr;
	img->init_array_size = sh->sh_size;
}

static void add_dynamic(struct elf_image *img, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	GElf_Dyn dyn;

	for (size_t i = 0; data && i < n; i++) {
		if (!gelf_getdyn(data, i, &dyn))
			continue;
		const char *s = elf_strptr(img->elf, sh->sh_link, dyn.d_un.d_val);
		if (dyn.d_tag == DT_NEEDED) {
			*ARRAY_PUSH(img->needed, img->nneeded) = s;
		} else if (dyn.d_tag == DT_RPATH) {
			img->rpath = s;
		} else if (dyn.d_tag == DT_RUNPATH) {
			img->runpath = s;
		} else if (dyn.d_tag == DT_INIT) {
			add_init(img, dyn.d_un.d_ptr);
		}
	}
}

static void add_interp(struct elf_image *img, Elf_Scn *scn)
{
	Elf_Data *data = elf_getdata(scn, NULL);

	if (data && data->d_buf && data->d_size && ((char *)data->d_buf)[data->d_size - 1] == 0)
		img->interp = data->d_buf;
}

/* Relocations last: they refer to the init array found by read_sections(). */
static void read_relocations(struct elf_image *img)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(img->elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_RELA)
			add_imports(img, scn, &sh);
}

static void read_sections(struct elf_image *img, size_t shstrndx)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(img->elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		const char *name = elf_strptr(img->elf, shstrndx, sh.sh_name);
		if (!name)
			name = "?";
		if (sh.sh_flags & SHF_EXECINSTR)
			add_section(&img->code, &img->ncode, scn, &sh, name);
		else if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM)
			add_symbols(img, scn, &sh);
		else if (sh.sh_type == SHT_INIT_ARRAY)
			add_init_array(img, scn, &sh);
		else if (sh.sh_type == SHT_DYNAMIC)
			add_dynamic(img, scn, &sh);
		else if (!strcmp(name, ".interp"))
			add_interp(img, scn);
		else if (sh.sh_flags & SHF_ALLOC)
			add_section(&img->data, &img->ndata, scn, &sh, name);
	}
}

static int by_addr(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errlen)
{
	GElf_Ehdr eh;
	size_t shstrndx;

	memset(img, 0, sizeof(*img));
	elf_version(EV_CURRENT);
	img->path = strdup(path);
	img->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (img->fd < 0) {
		snprintf(err, errlen, "%s: cannot open", path);
		return -1;
	}
	img->elf = elf_begin(img->fd, ELF_C_READ_MMAP, NULL);
	if (!img->elf || elf_kind(img->elf) != ELF_K_ELF || !gelf_getehdr(img->elf, &eh)) {
		snprintf(err, errlen, "%s: not an ELF file", path);
		return -1;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64) {
		snprintf(err, errlen, "%s: not an x86_64 ELF object", path);
		return -1;
	}
	if (elf_getshdrstrndx(img->elf, &shstrndx) < 0) {
		snprintf(err, errlen, "%s: ELF file without section names", path);
		return -1;
	}
	img->entry = eh.e_entry;
	read_sections(img, shstrndx);
	read_relocations(img);
	qsort(img->symbols, img->nsymbols, sizeof(*img->symbols), by_addr);
	qsort(img->objects, img->nobjects, sizeof(*img->objects), by_addr);
	return 0;
}

void elf_image_close(struct elf_image *img)
{
	free(img->code);
	free(img->data);
	free(img->objects);
	free(img->symbols);
	free(img->imports);
	free(img->needed);
	free(img->init_fns);
	if (img->elf)
		elf_end(img->elf);
	if (img->fd >= 0)
		close(img->fd);
	free(img->path);
	memset(img, 0, sizeof(*img));
}

uint64_t elf_image_symbol_addr(const struct elf_image *img, const char *name)
{
	for (size_t i = 0; i < img->nsymbols; i++)
		if (img->symbols[i].name && !strcmp(img->symbols[i].name, name))
			return img->symbols[i].addr;
	return 0;
}

void elf_image_describe(const struct elf_image *img, uint64_t addr, char *buf, size_t len)
{
	const struct symbol *best = NULL;

	for (size_t i = 0; i < img->nsymbols && img->symbols[i].addr <= addr; i++)
		best = &img->symbols[i];
	if (best && best->name)
		snprintf(buf, len, "%s+0x%llx", best->name,
			 (unsigned long long)(addr - best->addr));
	else
		snprintf(buf, len, "0x%llx", (unsigned long long)addr);
}

const char *elf_image_import_by_got(const struct elf_image *img, uint64_t got)
{
	for (size_t i = 0; i < img->nimports; i++)
		if (img->imports[i].got == got)
			return img->imports[i].name;
	return NULL;
}

bool elf_file_is_x86_64(const char *path)
{
	unsigned char id[20];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = read(fd, id, sizeof(id)) == sizeof(id) && !memcmp(id, ELFMAG, SELFMAG) &&
	     id[EI_CLASS] == ELFCLASS64 && id[18] == EM_X86_64;
	close(fd);
	return ok;
}
