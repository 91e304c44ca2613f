/*
 * Two-Level Segregated Fit allocator: O(1) malloc and free, immediate
 * coalescing, an 8-byte header per block.  Register name "tlsf".
 */
#ifndef TESSERA_ALLOC_TLSF_H
#define TESSERA_ALLOC_TLSF_H

#include <stddef.h>
#include <tessera/alloc.h>

/* What a live block costs beyond its usable_size(): its header word. */
#define TLSF_BLOCK_OVERHEAD sizeof(size_t)

/* Allocator state at the start of [base, base+len), the rest managed; NULL if len is too small. */
struct allocator *tlsf_create(void *base, size_t len);

#endif /* TESSERA_ALLOC_TLSF_H */
