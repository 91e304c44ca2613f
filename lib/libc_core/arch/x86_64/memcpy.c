/* x86_64 memcpy: rep movsq for the words, rep movsb for the tail. */
#include <string.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	size_t words = n / 8, tail = n % 8;
	void *d = dst;
	const void *s = src;

	__asm__ __volatile__("rep movsq" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
	__asm__ __volatile__("rep movsb" : "+D"(d), "+S"(s), "+c"(tail) : : "memory");
	return dst;
}
