#include <string.h>
#include "word.h"

WORD_SCAN size_t strlen(const char *s)
{
	const char *p = s;
	const word_t *w;

	for (; !IS_ALIGNED_WORD(p); p++) {
		if (!*p)
			return (size_t)(p - s);
	}
	for (w = (const word_t *)p; !HAS_ZERO(*w); w++)
		;
	for (p = (const char *)w; *p; p++)
		;
	return (size_t)(p - s);
}
