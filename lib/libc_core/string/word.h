/*
 * Word-at-a-time access for the mem* functions.  The type may alias any
 * object and sit at any address (x86_64 loads and stores need no alignment),
 * so the copies need no alignment prologue.
 */
#ifndef NOLIBC_STRING_WORD_H
#define NOLIBC_STRING_WORD_H

#include <stddef.h>
#include <stdint.h>

typedef unsigned long __attribute__((__may_alias__, __aligned__(1))) word_t;

#define WORD_SIZE sizeof(word_t)

/*
 * Scanning a word at a time (the string functions): ONES has a 1 in every
 * byte, and HAS_ZERO(x) is non-zero exactly when some byte of x is zero.
 * Scans read whole aligned words, which may run past the string's end but
 * never past its page; address sanitisers must not watch them.
 */
#define ONES         ((word_t)-1 / 255)
#define HIGHS        (ONES * 128)
#define HAS_ZERO(x)  (((x) - ONES) & ~(x) & HIGHS)
#define IS_ALIGNED_WORD(p) (((uintptr_t)(p) & (WORD_SIZE - 1)) == 0)
#define WORD_SCAN    __attribute__((no_sanitize_address))

/* Front to back: also right for overlapping buffers when dst is below src. */
static inline void copy_forward(unsigned char *dst, const unsigned char *src, size_t n)
{
	for (; n >= WORD_SIZE; n -= WORD_SIZE, dst += WORD_SIZE, src += WORD_SIZE)
		*(word_t *)dst = *(const word_t *)src;
	for (; n; n--)
		*dst++ = *src++;
}

#endif /* NOLIBC_STRING_WORD_H */
