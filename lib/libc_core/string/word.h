/*
 * Word-at-a-time access for the mem* functions.  The type may alias any
 * object and sit at any address (x86_64 loads and stores need no alignment),
 * so the copies need no alignment prologue.
 */
#ifndef NOLIBC_STRING_WORD_H
#define NOLIBC_STRING_WORD_H

#include <stddef.h>

typedef unsigned long __attribute__((__may_alias__, __aligned__(1))) word_t;

#define WORD_SIZE sizeof(word_t)

/* Front to back: also right for overlapping buffers when dst is below src. */
static inline void copy_forward(unsigned char *dst, const unsigned char *src, size_t n)
{
	for (; n >= WORD_SIZE; n -= WORD_SIZE, dst += WORD_SIZE, src += WORD_SIZE)
		*(word_t *)dst = *(const word_t *)src;
	for (; n; n--)
		*dst++ = *src++;
}

#endif /* NOLIBC_STRING_WORD_H */
