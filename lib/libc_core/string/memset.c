#include <string.h>
#include "word.h"

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	/* c in every byte: 0x0101...01 times c. */
	word_t fill = (unsigned char)c * (~(word_t)0 / 0xff);

	for (; n >= WORD_SIZE; n -= WORD_SIZE, d += WORD_SIZE)
		*(word_t *)d = fill;
	for (; n; n--)
		*d++ = (unsigned char)c;
	return dst;
}
