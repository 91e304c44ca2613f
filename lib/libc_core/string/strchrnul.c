#include <string.h>
#include "word.h"

WORD_SCAN char *strchrnul(const char *s, int c)
{
	word_t k = ONES * (unsigned char)c;
	const word_t *w;

	if (!(char)c)
		return (char *)s + strlen(s);
	for (; !IS_ALIGNED_WORD(s); s++) {
		if (!*s || *s == (char)c)
			return (char *)s;
	}
	for (w = (const word_t *)s; !HAS_ZERO(*w) && !HAS_ZERO(*w ^ k); w++)
		;
	for (s = (const char *)w; *s && *s != (char)c; s++)
		;
	return (char *)s;
}
