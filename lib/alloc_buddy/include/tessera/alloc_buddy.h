/*
 * Binary buddy allocator: naturally aligned power-of-two blocks from 32 bytes
 * up, block orders kept in a side table (no in-band header).  Register name
 * "buddy".
 */
#ifndef TESSERA_ALLOC_BUDDY_H
#define TESSERA_ALLOC_BUDDY_H

#include <stddef.h>
#include <tessera/alloc.h>

/* Allocator state at the start of [base, base+len), the rest managed; NULL if len is too small. */
struct allocator *buddy_create(void *base, size_t len);

#endif /* TESSERA_ALLOC_BUDDY_H */
