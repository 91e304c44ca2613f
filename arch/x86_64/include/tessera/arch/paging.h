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

int pt_map(uintptr_t va, uintptr_t pa, size_t len, unsigned int prot);
int pt_unmap(uintptr_t va, size_t len);
int pt_protect(uintptr_t va, size_t len, unsigned int prot);
/* True when va is mapped; *pa and *prot (either may be NULL) describe it. */
bool pt_translate(uintptr_t va, uintptr_t *pa, unsigned int *prot);

/* Map device registers into the direct map, uncached; returns their virtual address. */
void *pt_map_device(uintptr_t pa, size_t len);

#endif /* TESSERA_ARCH_PAGING_H */
