#include <stdint.h>
#include <string.h>
#include "word.h"

/* Back to front, for dst above an overlapping src. */
static void copy_backward(unsigned char *dst, const unsigned char *src, size_t n)
{
	for (; n >= WORD_SIZE; n -= WORD_SIZE)
		*(word_t *)(dst + n - WORD_SIZE) = *(const word_t *)(src + n - WORD_SIZE);
	for (; n; n--)
		dst[n - 1] = src[n - 1];
}

void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}
