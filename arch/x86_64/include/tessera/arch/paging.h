/*
 * Page tables: map, unmap and protect ranges of the one address space.
 *
 * Ranges are page aligned.  Mappings use 2 MiB pages where alignment allows
 * and 4 KiB pages elsewhere; a large page is split when part of it changes,
 * so that a guard page can be punched anywhere.
 */
#ifndef TESSERA_ARCH_PAGING_H
#define TESSERA_ARCH_PAGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VM_READ    (1u << 0)
#define VM_WRITE   (1u << 1)
#define VM_EXEC    (1u << 2)
#define VM_NOCACHE (1u << 3) /* device memory */
#define VM_FOREIGN (1u << 4) /* the page belongs to someone else (a file, the zero page): never free it */
#define VM_DIRTY   (1u << 5) /* reported by pt_translate: written since mapped */
/*
 * No VM_READ, VM_WRITE or VM_EXEC: the page stays mapped (pt_translate and
 * pt_next_mapped see it, its contents are kept) but any access faults, for
 * PROT_NONE.
 */

int pt_map(uintptr_t va, uintptr_t pa, size_t len, unsigned int prot);
int pt_unmap(uintptr_t va, size_t len);
int pt_protect(uintptr_t va, size_t len, unsigned int prot);
/*
 * Give back the table pages that serve only [start, end) of the
 * application's half and map nothing (after an exec or a large munmap).
 */
void pt_free_tables(uintptr_t start, uintptr_t end);
/* True when va is mapped; *pa and *prot (either may be NULL) describe it. */
bool pt_translate(uintptr_t va, uintptr_t *pa, unsigned int *prot);

/* Lowest and highest+1 addresses of the application's half of the address space. */
#define USER_SPACE_START 0x10000UL
#define USER_SPACE_END   0x7ffffffff000UL

/* The first mapped page address in [va, end), or end; skips unmapped spans quickly. */
uintptr_t pt_next_mapped(uintptr_t va, uintptr_t end);

/* Map device registers into the direct map, uncached; returns their virtual address. */
void *pt_map_device(uintptr_t pa, size_t len);

#endif /* TESSERA_ARCH_PAGING_H */
