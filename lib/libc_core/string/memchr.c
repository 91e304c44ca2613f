#include <string.h>
#include "word.h"

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	word_t k = ONES * (unsigned char)c;

	for (; n >= WORD_SIZE && !HAS_ZERO(*(const word_t *)p ^ k); n -= WORD_SIZE)
		p += WORD_SIZE;
	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}
