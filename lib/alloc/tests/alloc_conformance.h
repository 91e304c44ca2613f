/*
 * Conformance tests shared by every allocator implementation.
 *
 * An implementation's test program describes the implementation and calls
 * alloc_conformance_run(), so that all implementations pass the very same
 * cases; only what the API leaves open is described here.
 */
#ifndef ALLOC_CONFORMANCE_H
#define ALLOC_CONFORMANCE_H

#include <stddef.h>
#include <tessera/alloc.h>

struct alloc_conformance {
	const char *name;
	alloc_create_fn create;
	/* What a live block takes from free_bytes beyond its usable_size(). */
	size_t block_overhead;
};

/* Runs every case as one cmocka group; returns the number of failed cases. */
int alloc_conformance_run(const struct alloc_conformance *impl);

#endif /* ALLOC_CONFORMANCE_H */
