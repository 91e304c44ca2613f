/*
 * The ELF loader: validates the header (64-bit, little-endian, x86_64,
 * ET_EXEC or ET_DYN), then maps each PT_LOAD segment from the file (private,
 * copy on write) and the rest of its memory size as zeros.  An ET_DYN image
 * (PIE or interpreter) is first given a free range as large as its span.
 */
#include <linux/elf.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/mm.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "elf.h"

#define PAGE 4096UL
#define MAX_PHDRS 128

static int read_at(struct file *f, void *buf, size_t len, uint64_t pos)
{
	ssize_t n = f->fops->read(f, buf, len, &pos);

	return n == (ssize_t)len ? 0 : n < 0 ? (int)n : -ENOEXEC;
}

static const char *check_header(const Elf64_Ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return "not an ELF file";
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return "not a 64-bit ELF file";
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not a little-endian ELF file";
	if (eh->e_machine != EM_X86_64)
		return "not an x86_64 program";
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return "not an executable (ELF type is neither EXEC nor DYN)";
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHDRS)
		return "malformed program headers";
	return NULL;
}

static unsigned int segment_prot(const Elf64_Phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

static int map_segment(struct file *f, const Elf64_Phdr *ph, uintptr_t bias)
{
	uintptr_t start = ALIGN_DOWN(ph->p_vaddr + bias, PAGE);
	uintptr_t file_end = ph->p_vaddr + bias + ph->p_filesz;
	uintptr_t mem_end = ALIGN_UP(ph->p_vaddr + bias + ph->p_memsz, PAGE);
	unsigned int prot = segment_prot(ph);
	long r;

	if (ph->p_filesz) {
		r = mm_map(start, file_end - start, prot, MAP_PRIVATE | MAP_FIXED, f,
			   (ph->p_offset - (ph->p_vaddr + bias - start)) / PAGE, NULL);
		if (r < 0)
			return r;
	}
	/*
	 * The rest of the last file page belongs to .bss: zero it to the end of
	 * the page, as Linux does (ld.so's early malloc relies on it).
	 */
	if (ph->p_memsz > ph->p_filesz && (file_end & (PAGE - 1))) {
		static const char zeros[PAGE];
		size_t n = PAGE - (file_end & (PAGE - 1));

		if (!(prot & PROT_WRITE))
			mm_protect(ALIGN_DOWN(file_end, PAGE), PAGE, prot | PROT_WRITE);
		r = copy_to_user((void *)file_end, zeros, n);
		if (!(prot & PROT_WRITE))
			mm_protect(ALIGN_DOWN(file_end, PAGE), PAGE, prot);
		if (r)
			return r;
	}
	if (mem_end > ALIGN_UP(file_end, PAGE)) {
		uintptr_t zero_start = ALIGN_UP(file_end, PAGE);

		r = mm_map(zero_start, mem_end - zero_start, prot,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0, NULL);
		if (r < 0)
			return r;
	}
	return 0;
}

/* The span [lo, hi) of the PT_LOAD segments, page aligned; also checks their alignment. */
static const char *load_span(const Elf64_Phdr *ph, unsigned int n, uintptr_t *lo, uintptr_t *hi)
{
	*lo = UINTPTR_MAX;
	*hi = 0;
	for (unsigned int i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if ((ph[i].p_vaddr - ph[i].p_offset) % PAGE || ph[i].p_filesz > ph[i].p_memsz)
			return "a segment's file offset and address disagree modulo the page size";
		if (ph[i].p_vaddr + ph[i].p_memsz < ph[i].p_vaddr)
			return "a segment wraps around";
		*lo = MIN(*lo, ALIGN_DOWN(ph[i].p_vaddr, PAGE));
		*hi = MAX(*hi, ALIGN_UP(ph[i].p_vaddr + ph[i].p_memsz, PAGE));
	}
	return *hi ? NULL : "no loadable segment";
}

static int read_interp(struct file *f, const Elf64_Phdr *ph, struct elf_image *out)
{
	if (ph->p_filesz == 0 || ph->p_filesz >= sizeof(out->interp))
		return -ENOEXEC;
	if (read_at(f, out->interp, ph->p_filesz, ph->p_offset))
		return -ENOEXEC;
	out->interp[ph->p_filesz - 1] = '\0';
	return 0;
}

/* Where the program headers are in memory: PT_PHDR, or inside the first segment's file data. */
static uintptr_t phdr_address(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uintptr_t bias)
{
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr + bias;
	}
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
		    eh->e_phoff + eh->e_phnum * sizeof(*ph) <= ph[i].p_offset + ph[i].p_filesz)
			return ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset) + bias;
	}
	return 0;
}

/* As Linux's load_elf_binary: code is the executable segments, data ends with the last one. */
static void count_code_and_data(const Elf64_Phdr *ph, struct elf_image *out)
{
	uintptr_t start = ph->p_vaddr + out->bias, end = start + ph->p_filesz;

	if (ph->p_flags & PF_X) {
		out->start_code = out->start_code ? MIN(out->start_code, start) : start;
		out->end_code = MAX(out->end_code, end);
	}
	out->start_data = MAX(out->start_data, start);
	out->end_data = MAX(out->end_data, end);
}

static int load(struct file *f, uintptr_t base, struct elf_image *out, const char **why)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PHDRS];
	uintptr_t lo, hi;
	long r;

	*why = "cannot read the ELF header";
	if (read_at(f, &eh, sizeof(eh), 0))
		return -ENOEXEC;
	*why = check_header(&eh);
	if (*why)
		return -ENOEXEC;
	*why = "cannot read the program headers";
	if (read_at(f, ph, eh.e_phnum * sizeof(*ph), eh.e_phoff))
		return -ENOEXEC;
	*why = load_span(ph, eh.e_phnum, &lo, &hi);
	if (*why)
		return -ENOEXEC;
	*why = NULL;
	out->bias = 0;
	if (eh.e_type == ET_DYN) {
		/* Reserve the whole span, then lay the segments over it. */
		r = mm_map(base, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0, NULL);
		if (r < 0)
			return r;
		out->bias = r - lo;
	}
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP && (r = read_interp(f, &ph[i], out))) {
			*why = "malformed PT_INTERP";
			return r;
		}
		if (ph[i].p_type == PT_LOAD && (r = map_segment(f, &ph[i], out->bias)))
			return r;
		if (ph[i].p_type == PT_LOAD)
			count_code_and_data(&ph[i], out);
	}
	out->entry = eh.e_entry + out->bias;
	out->phdr = phdr_address(&eh, ph, out->bias);
	out->phnum = eh.e_phnum;
	out->end = hi + out->bias;
	return 0;
}

int elf_executable(const struct file *f)
{
	return S_ISREG(f->inode->attr.mode) && (f->inode->attr.mode & 0111) ? 0 : -EACCES;
}

int elf_open(const char *dir, const char *path, bool follow, struct file **f)
{
	int err = vfs_open(dir, path, O_RDONLY | (follow ? 0 : O_NOFOLLOW), 0, f);

	if (err)
		return err;
	err = elf_executable(*f);
	if (err)
		file_put(*f);
	return err;
}

int elf_load(struct file *f, uintptr_t base, struct elf_image *out, const char **why)
{
	*why = NULL;
	memset(out, 0, sizeof(*out));
	if (!f->inode->iops || !f->inode->iops->map_page)
		return -ENODEV;
	return load(f, base, out, why);
}

int elf_check(struct file *f)
{
	Elf64_Ehdr eh;

	return read_at(f, &eh, sizeof(eh), 0) || check_header(&eh) ? -ENOEXEC : 0;
}
