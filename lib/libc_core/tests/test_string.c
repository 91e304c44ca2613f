/*
 * libc core's <string.h> against the host libc: fixed edge cases, then random
 * buffers and strings.  libc core's functions go by their usual names here (see
 * libc_names.h); the host's are reached through the host_ declarations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>

void *host_memcpy(void *dst, const void *src, size_t n) __asm__("memcpy");
void *host_memset(void *dst, int c, size_t n) __asm__("memset");
int host_memcmp(const void *a, const void *b, size_t n) __asm__("memcmp");
void *host_memchr(const void *s, int c, size_t n) __asm__("memchr");
void *host_memrchr(const void *s, int c, size_t n) __asm__("memrchr");
size_t host_strlen(const char *s) __asm__("strlen");
size_t host_strnlen(const char *s, size_t max) __asm__("strnlen");
int host_strcmp(const char *a, const char *b) __asm__("strcmp");
int host_strncmp(const char *a, const char *b, size_t n) __asm__("strncmp");
int host_strcasecmp(const char *a, const char *b) __asm__("strcasecmp");
int host_strncasecmp(const char *a, const char *b, size_t n) __asm__("strncasecmp");
char *host_strchr(const char *s, int c) __asm__("strchr");
char *host_strrchr(const char *s, int c) __asm__("strrchr");
char *host_strchrnul(const char *s, int c) __asm__("strchrnul");
char *host_strstr(const char *haystack, const char *needle) __asm__("strstr");
size_t host_strspn(const char *s, const char *accept) __asm__("strspn");
size_t host_strcspn(const char *s, const char *reject) __asm__("strcspn");
char *host_strpbrk(const char *s, const char *accept) __asm__("strpbrk");
char *host_strtok_r(char *s, const char *delim, char **save) __asm__("strtok_r");
char *host_stpcpy(char *dst, const char *src) __asm__("stpcpy");
char *host_strncpy(char *dst, const char *src, size_t n) __asm__("strncpy");
char *host_strcat(char *dst, const char *src) __asm__("strcat");
char *host_strncat(char *dst, const char *src, size_t n) __asm__("strncat");
char *host_strerror(int errnum) __asm__("strerror");

#define ITERATIONS 5000
#define BUF	   96

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: a fixed seed gives the same cases on every run. */
static unsigned int pick(unsigned int n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned int)((rng_state * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

static void random_bytes(unsigned char *p, size_t n)
{
	/* A small alphabet, so that searches and comparisons hit often. */
	for (size_t i = 0; i < n; i++)
		p[i] = pick(4) ? (unsigned char)('a' + pick(4)) : (unsigned char)pick(256);
}

/* Letters of both cases, a few punctuation marks and bytes above 0x7f. */
static void random_string(char *s, size_t max)
{
	static const char alphabet[] = "aAbBcC,;- \x80\xff";
	size_t len = pick((unsigned int)max);

	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[pick(sizeof(alphabet) - 1)];
	s[len] = '\0';
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* Both NULL, or the same offset into the same buffer. */
static void assert_same_position(const void *got, const void *want)
{
	assert_ptr_equal(got, want);
}

static void test_memcpy_memset(void **state)
{
	(void)state;
	for (int i = 0; i < ITERATIONS; i++) {
		unsigned char src[BUF], got[BUF], want[BUF];
		size_t off = pick(16), doff = pick(16), n = pick(BUF - 16);
		int c = (int)pick(512) - 128;

		random_bytes(src, sizeof(src));
		random_bytes(got, sizeof(got));
		host_memcpy(want, got, sizeof(got));
		assert_ptr_equal(memcpy(got + doff, src + off, n), got + doff);
		host_memcpy(want + doff, src + off, n);
		assert_memory_equal(got, want, sizeof(got));

		assert_ptr_equal(memset(got + doff, c, n), got + doff);
		host_memset(want + doff, c, n);
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_memmove_overlap(void **state)
{
	(void)state;
	/* Every pair of offsets and every length in a small window, overlapping or not. */
	for (size_t src = 0; src < 40; src++) {
		for (size_t dst = 0; dst < 40; dst++) {
			for (size_t n = 0; n <= 40; n++) {
				unsigned char buf[80], want[80], tmp[80];

				random_bytes(buf, sizeof(buf));
				host_memcpy(want, buf, sizeof(buf));
				host_memcpy(tmp, want + src, n);
				host_memcpy(want + dst, tmp, n);
				assert_ptr_equal(memmove(buf + dst, buf + src, n), buf + dst);
				assert_memory_equal(buf, want, sizeof(buf));
			}
		}
	}
}

static void test_memcmp_memchr(void **state)
{
	(void)state;
	for (int i = 0; i < ITERATIONS; i++) {
		unsigned char a[BUF], b[BUF];
		size_t n = pick(BUF);
		int c = pick(2) ? 'a' + (int)pick(4) : (int)pick(1024) - 512;

		random_bytes(a, sizeof(a));
		host_memcpy(b, a, sizeof(a));
		if (n && pick(2))
			b[pick((unsigned int)n)] = (unsigned char)pick(256);
		assert_int_equal(sign(memcmp(a, b, n)), sign(host_memcmp(a, b, n)));
		assert_same_position(memchr(a, c, n), host_memchr(a, c, n));
		assert_same_position(memrchr(a, c, n), host_memrchr(a, c, n));
	}
}

static void test_length_and_compare(void **state)
{
	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strnlen("abc", 0), 0);
	assert_int_equal(strncmp("abc", "abd", 0), 0);
	assert_int_equal(strncasecmp("abc", "xyz", 0), 0);
	assert_true(strcmp("\x80", "a") > 0); /* bytes compare as unsigned char */
	for (int i = 0; i < ITERATIONS; i++) {
		char a[32], b[32];
		size_t n = pick(40);

		random_string(a, sizeof(a));
		/* Often a prefix of a, or a itself. */
		if (pick(2)) {
			random_string(b, sizeof(b));
		} else {
			host_memcpy(b, a, sizeof(a));
			b[pick(sizeof(b))] = '\0';
		}
		assert_int_equal(strlen(a), host_strlen(a));
		assert_int_equal(strnlen(a, n), host_strnlen(a, n));
		assert_int_equal(sign(strcmp(a, b)), sign(host_strcmp(a, b)));
		assert_int_equal(sign(strncmp(a, b, n)), sign(host_strncmp(a, b, n)));
		assert_int_equal(sign(strcasecmp(a, b)), sign(host_strcasecmp(a, b)));
		assert_int_equal(sign(strncasecmp(a, b, n)), sign(host_strncasecmp(a, b, n)));
	}
}

static void test_search(void **state)
{
	(void)state;
	assert_same_position(strstr("abc", ""), "abc" + 0);
	for (int i = 0; i < ITERATIONS; i++) {
		char s[32], set[6];
		int c = pick(8) ? "aAbB,\x80\xff"[pick(7)] : (int)pick(2) * 256;

		random_string(s, sizeof(s));
		random_string(set, sizeof(set));
		/* Needles often taken from the haystack itself. */
		if (pick(2) && *s) {
			size_t from = pick((unsigned int)strlen(s));

			snprintf(set, sizeof(set), "%s", s + from);
		}
		assert_same_position(strchr(s, c), host_strchr(s, c));
		assert_same_position(strrchr(s, c), host_strrchr(s, c));
		assert_same_position(strchrnul(s, c), host_strchrnul(s, c));
		assert_same_position(strstr(s, set), host_strstr(s, set));
		assert_same_position(strpbrk(s, set), host_strpbrk(s, set));
		assert_int_equal(strspn(s, set), host_strspn(s, set));
		assert_int_equal(strcspn(s, set), host_strcspn(s, set));
	}
}

static void test_copy_and_concatenate(void **state)
{
	(void)state;
	for (int i = 0; i < ITERATIONS; i++) {
		char src[24], got[64], want[64];
		size_t n = pick(30);

		random_string(src, sizeof(src));
		random_bytes((unsigned char *)got, sizeof(got));
		got[pick(16)] = '\0';
		host_memcpy(want, got, sizeof(got));

		switch (pick(5)) {
		case 0:
			assert_ptr_equal(strcpy(got, src), got);
			host_stpcpy(want, src);
			break;
		case 1:
			assert_ptr_equal(stpcpy(got, src), host_stpcpy(want, src) - want + got);
			break;
		case 2:
			assert_ptr_equal(strncpy(got, src, n), got);
			host_strncpy(want, src, n);
			break;
		case 3:
			assert_ptr_equal(strcat(got, src), got);
			host_strcat(want, src);
			break;
		case 4:
			assert_ptr_equal(strncat(got, src, n), got);
			host_strncat(want, src, n);
			break;
		}
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_duplicate(void **state)
{
	char *copy;

	(void)state;
	copy = strdup("hello");
	assert_string_equal(copy, "hello");
	free(copy);
	copy = strdup("");
	assert_string_equal(copy, "");
	free(copy);
	copy = strndup("hello", 3);
	assert_string_equal(copy, "hel");
	free(copy);
	copy = strndup("hi", 10);
	assert_string_equal(copy, "hi");
	free(copy);
	/* strndup reads no further than n: no terminator needed. */
	copy = strndup((const char[]){'a', 'b', 'c'}, 3);
	assert_string_equal(copy, "abc");
	free(copy);
}

static void test_strtok_r(void **state)
{
	(void)state;
	for (int i = 0; i < ITERATIONS; i++) {
		char got[32], want[32], delim[4], *save_got, *save_want, *tok_got, *tok_want;

		random_string(got, sizeof(got));
		host_memcpy(want, got, sizeof(got));
		random_string(delim, sizeof(delim));
		tok_got = strtok_r(got, delim, &save_got);
		tok_want = host_strtok_r(want, delim, &save_want);
		for (;;) {
			assert_int_equal(tok_got ? tok_got - got : -1,
					 tok_want ? tok_want - want : -1);
			if (!tok_got)
				break;
			tok_got = strtok_r(NULL, delim, &save_got);
			tok_want = host_strtok_r(NULL, delim, &save_want);
		}
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_strerror(void **state)
{
	(void)state;
	/* Every Linux errno, the gaps between them, and beyond both ends. */
	for (int e = -3; e <= 140; e++)
		assert_string_equal(strerror(e), host_strerror(e));
	assert_string_equal(strerror(INT_MIN), host_strerror(INT_MIN));
	assert_string_equal(strerror(EWOULDBLOCK), strerror(EAGAIN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_memset), cmocka_unit_test(test_memmove_overlap),
		cmocka_unit_test(test_memcmp_memchr), cmocka_unit_test(test_length_and_compare),
		cmocka_unit_test(test_search),	      cmocka_unit_test(test_copy_and_concatenate),
		cmocka_unit_test(test_duplicate),     cmocka_unit_test(test_strtok_r),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
