#include <string.h>

/* Single-character sets (a path's "/") are one strchrnul; larger ones a bitmap of bytes. */
size_t strcspn(const char *s, const char *reject)
{
	unsigned long set[256 / (8 * sizeof(unsigned long))] = {0};
	const unsigned char *p = (const unsigned char *)s;
	const unsigned long bits = 8 * sizeof(unsigned long);

	if (!reject[0] || !reject[1])
		return (size_t)(strchrnul(s, *reject) - s);
	for (const unsigned char *r = (const unsigned char *)reject; *r; r++)
		set[*r / bits] |= 1UL << (*r % bits);
	for (; *p && !(set[*p / bits] & (1UL << (*p % bits))); p++)
		;
	return (size_t)(p - (const unsigned char *)s);
}
