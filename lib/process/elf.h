/* Loading one ELF file's segments (elf.c). */
#ifndef LIB_PROCESS_ELF_H
#define LIB_PROCESS_ELF_H

#include <stdbool.h>
#include <stdint.h>

struct file;

struct elf_image {
	uintptr_t bias;  /* added to every p_vaddr (0 for ET_EXEC) */
	uintptr_t entry;
	uintptr_t phdr;  /* address of the program headers in memory, 0 if not loaded */
	unsigned int phnum;
	uintptr_t end;   /* first byte after the highest segment */
	/* Text and data as Linux's mm_struct counts them (file-backed part of the segments). */
	uintptr_t start_code, end_code, start_data, end_data;
	char interp[256]; /* PT_INTERP, "" if none */
};

/* May f be run: a regular file with an execute bit (root needs one too)?  0 or -EACCES. */
int elf_executable(const struct file *f);
/* Open (dir, path) to run it: vfs_open's errors, then elf_executable's. */
int elf_open(const char *dir, const char *path, bool follow, struct file **f);
/*
 * Map f's PT_LOAD segments.  base: where an ET_DYN goes (0: anywhere,
 * chosen like mmap); ET_EXEC goes where it says.  Errors: -ENOEXEC for a
 * malformed or foreign ELF (with *why set), or the errno of mmap.
 */
int elf_load(struct file *f, uintptr_t base, struct elf_image *out, const char **why);
/*
 * The program linked into the image (linked.c): entry, its program headers
 * (PT_PHDR, PT_TLS), and heap_base as its end, since the image itself is
 * not in the program's half of the address space.
 */
void elf_linked_image(uintptr_t entry, uintptr_t heap_base, struct elf_image *out);
/* Would elf_load accept f's header?  0 or -ENOEXEC. */
int elf_check(struct file *f);

#endif
