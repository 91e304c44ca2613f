/* x86_64 memset: rep stosq for the words, rep stosb for the tail (fast strings on every CPU since Ivy Bridge). */
#include <stdint.h>
#include <string.h>

void *memset(void *dst, int c, size_t n)
{
	uint64_t fill = (unsigned char)c * 0x0101010101010101ULL;
	size_t words = n / 8, tail = n % 8;
	void *d = dst;

	__asm__ __volatile__("rep stosq" : "+D"(d), "+c"(words) : "a"(fill) : "memory");
	__asm__ __volatile__("rep stosb" : "+D"(d), "+c"(tail) : "a"(fill) : "memory");
	return dst;
}
