#include <string.h>
#include "word.h"

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	word_t k = ONES * (unsigned char)c;

	for (; n >= WORD_SIZE && !HAS_ZERO(*(const word_t *)(p + n - WORD_SIZE) ^ k);
	     n -= WORD_SIZE)
		;
	while (n--) {
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	}
	return NULL;
}
