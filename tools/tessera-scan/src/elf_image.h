/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One x86_64 ELF object as the scanners need it: its code sections, its
 * symbols, which PLT stub or GOT slot stands for which imported function,
 * and the dynamic-section entries the loader uses to find libraries.
 */
#ifndef TS_ELF_IMAGE_H
#define TS_ELF_IMAGE_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct code_section {
	const char *name;
	uint64_t addr;
	const uint8_t *bytes;
	size_t size;
	size_t entry_size; /* of a PLT stub, for .plt* sections */
};

struct symbol {
	uint64_t addr;
	uint64_t size;
	const char *name;
	bool exported; /* other objects can bind to it */
};

struct import_slot {
	uint64_t got;	  /* address of the GOT slot */
	const char *name; /* imported function */
};

struct elf_image {
	char *path;
	int fd;
	Elf *elf;
	struct code_section *code;
	size_t ncode;
	struct code_section *data; /* allocated, initialised, not executable */
	size_t ndata;
	struct symbol *symbols; /* defined functions, sorted by address */
	size_t nsymbols;
	struct symbol *objects; /* defined data objects with a size, sorted by address */
	size_t nobjects;
	struct import_slot *imports;
	size_t nimports;
	const char **needed; /* DT_NEEDED names */
	size_t nneeded;
	const char *rpath, *runpath, *interp;
	uint64_t entry;
	uint64_t *init_fns; /* DT_INIT and DT_INIT_ARRAY: what the loader runs first */
	size_t ninit;
	uint64_t init_array, init_array_size;
};

/* Fails with a one-line reason for files that are not x86_64 ELF. */
int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errlen);
void elf_image_close(struct elf_image *img);
/* Address of a defined function, 0 if it has none. */
uint64_t elf_image_symbol_addr(const struct elf_image *img, const char *name);
/* The function containing addr, as "name+0xoff", or the bare address. */
void elf_image_describe(const struct elf_image *img, uint64_t addr, char *buf, size_t len);
/* The function imported through a GOT slot, or NULL. */
const char *elf_image_import_by_got(const struct elf_image *img, uint64_t got);
/* True for a file that starts like an ELF object. */
bool elf_file_is_x86_64(const char *path);

#endif
