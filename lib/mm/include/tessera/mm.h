/*
 * The application's memory: the lower half of the address space, as a list
 * of mappings (VMAs), filled page by page on first touch (demand paging), so
 * that a large reservation costs only the pages used.
 */
#ifndef TESSERA_MM_H
#define TESSERA_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/list.h>

struct file;

/* prot: Linux's PROT_READ/WRITE/EXEC; flags: MAP_SHARED/PRIVATE, MAP_ANONYMOUS, ... */
struct vma {
	uintptr_t start, end; /* page aligned, end exclusive */
	unsigned int prot;
	unsigned int flags;
	struct file *file; /* a reference, or NULL for anonymous memory */
	uint64_t pgoff;    /* file page backing start */
	const char *name;  /* for /proc/self/maps: "[heap]", "[stack]", or NULL (the file's path) */
	struct list_head link;
};

/*
 * Create a mapping.  Without MAP_FIXED/MAP_FIXED_NOREPLACE, addr is a hint;
 * 0 or a busy hint means "anywhere", chosen top-down below the mmap base.
 * Returns the address or a negative errno.
 */
long mm_map(uintptr_t addr, size_t len, unsigned int prot, unsigned int flags, struct file *file,
	    uint64_t pgoff, const char *name);
int mm_unmap(uintptr_t addr, size_t len);
int mm_protect(uintptr_t addr, size_t len, unsigned int prot);
/* Fault in every page of [addr, addr+len) now (MAP_POPULATE, the ELF loader). */
int mm_populate(uintptr_t addr, size_t len);

/* Where mm_map places mappings without an address: just below base, growing down. */
void mm_set_mmap_base(uintptr_t base);
/* The heap (brk) starts at base; set by the ELF loader after the program's segments. */
void mm_set_brk_base(uintptr_t base);

/* Write /proc/self/maps into buf (at most len bytes); returns the length of the full text. */
size_t mm_format_maps(char *buf, size_t len);

/*
 * Which address space the lower half holds: a number that changes when a
 * fork child or a new program (exec) gets memory of its own, and comes back
 * with the parent's memory.  Futexes are keyed by it and the address.
 */
uint64_t mm_space_id(void);

struct mm_stats {
	size_t mapped_bytes;    /* sum of VMA sizes */
	size_t resident_pages;  /* pages allocated for mappings */
	uint64_t page_faults;
};
void mm_get_stats(struct mm_stats *st);

#endif /* TESSERA_MM_H */
