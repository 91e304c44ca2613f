/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Growable heap arrays. The capacity is implied: the array grows to twice
 * its length whenever the length reaches a power of two, so users keep
 * just a pointer and a count (which may also go down).
 */
#ifndef TS_ARRAY_H
#define TS_ARRAY_H

#include <stdlib.h>
#include <string.h>

static inline void *array_grow(void *array, size_t n, size_t size)
{
	if (!(n & (n - 1))) {
		array = realloc(array, (n ? 2 * n : 1) * size);
		if (!array)
			abort();
	}
	memset((char *)array + n * size, 0, size);
	return array;
}

/* Appends a zeroed element to array[0..n) and returns its address; n is incremented. */
#define ARRAY_PUSH(array, n) ((array) = array_grow((array), (n), sizeof(*(array))), &(array)[(n)++])

#endif
