/*
 * nolibc's strto*, ato*, abs, qsort, bsearch and getenv against the host libc
 * and against simple models.  nolibc's functions go by their usual names here
 * (see nolibc_names.h); the host's are reached through the host_ declarations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>

long host_strtol(const char *s, char **end, int base) __asm__("strtol");
unsigned long host_strtoul(const char *s, char **end, int base) __asm__("strtoul");
long long host_strtoll(const char *s, char **end, int base) __asm__("strtoll");
unsigned long long host_strtoull(const char *s, char **end, int base) __asm__("strtoull");
void host_qsort(void *base, size_t n, size_t size,
		int (*cmp)(const void *, const void *)) __asm__("qsort");
void *host_memcpy(void *dst, const void *src, size_t n) __asm__("memcpy");
int host_memcmp(const void *a, const void *b, size_t n) __asm__("memcmp");

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: a fixed seed gives the same cases on every run. */
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned int pick(unsigned int n)
{
	return (unsigned int)((rng() >> 32) % n);
}

/* strto* ------------------------------------------------------------------------ */

/* Runs one function of the family on both sides; compares value, *end and errno. */
#define CHECK_STRTO(fn, s, base)                                                                   \
	do {                                                                                       \
		char *end_got, *end_want;                                                          \
		int errno_got, errno_want;                                                         \
		__typeof__(fn(s, NULL, base)) got, want;                                           \
                                                                                                   \
		errno = 0;                                                                         \
		want = host_##fn(s, &end_want, base);                                              \
		errno_want = errno;                                                                \
		errno = 0;                                                                         \
		got = fn(s, &end_got, base);                                                       \
		errno_got = errno;                                                                 \
		if (got != want || end_got != end_want || errno_got != errno_want) {               \
			print_error(#fn "(\"%s\", %d): %lld end %td errno %d, host %lld end %td "  \
					"errno %d\n",                                              \
				    s, base, (long long)got, end_got - (s), errno_got,             \
				    (long long)want, end_want - (s), errno_want);                  \
			fail();                                                                    \
		}                                                                                  \
	} while (0)

static void check_all_strto(const char *s, int base)
{
	CHECK_STRTO(strtol, s, base);
	CHECK_STRTO(strtoul, s, base);
	CHECK_STRTO(strtoll, s, base);
	CHECK_STRTO(strtoull, s, base);
}

static void test_strto_table(void **state)
{
	static const char *const strings[] = {
		"",
		"0",
		"-0",
		"+0",
		"42",
		"  \t\n\v\f\r42xyz",
		"-42",
		"+-42",
		"- 42",
		"0x",
		"0xg",
		"0x1f",
		"0X1F",
		"-0x1f",
		"0x-1",
		"010",
		"08",
		"0b101",
		"z",
		"Zz",
		"9223372036854775807",
		"9223372036854775808",
		"-9223372036854775808",
		"-9223372036854775809",
		"18446744073709551615",
		"18446744073709551616",
		"-18446744073709551615",
		"-18446744073709551616",
		"99999999999999999999999999999999999999tail",
		"0x7fffffffffffffff",
		"0xffffffffffffffff",
		"0x10000000000000000",
		"1111111111111111111111111111111111111111111111111111111111111111",
		"11111111111111111111111111111111111111111111111111111111111111111",
		"3w5e11264sgsf",
		"3w5e11264sgsg",
	};
	static const int bases[] = {0, 2, 8, 10, 16, 36};

	(void)state;
	for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++) {
		for (size_t b = 0; b < sizeof(bases) / sizeof(*bases); b++)
			check_all_strto(strings[i], bases[b]);
	}
}

static void test_strto_invalid_base(void **state)
{
	static const int bases[] = {-1, 1, 37, INT_MAX};
	const char *s = "  123";
	char *end;

	(void)state;
	for (size_t i = 0; i < sizeof(bases) / sizeof(*bases); i++) {
		errno = 0;
		end = NULL;
		assert_int_equal(strtol(s, &end, bases[i]), 0);
		assert_int_equal(errno, EINVAL);
		assert_ptr_equal(end, s);
		errno = 0;
		assert_int_equal(strtoull(s, NULL, bases[i]), 0);
		assert_int_equal(errno, EINVAL);
	}
}

/* Whitespace, signs, prefixes, digit runs (long enough to overflow) and debris. */
static void random_number_string(char *s, size_t size)
{
	static const char *const pieces[] = {" ", "\t", "\n", "+", "-", "0", "0x", "0X", "x"};
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFXYZ";
	char *p = s, *end = s + size - 1;

	for (unsigned int n = pick(4); n && p + 2 < end; n--)
		p += snprintf(p, (size_t)(end - p), "%s", pieces[pick(9)]);
	for (unsigned int n = pick(4) ? pick(70) : pick(4); n && p < end; n--)
		*p++ = pick(3) ? digits[pick(10)] : digits[pick(sizeof(digits) - 1)];
	if (pick(2) && p < end)
		*p++ = " .-_xZ"[pick(6)];
	*p = '\0';
}

static void test_strto_random(void **state)
{
	(void)state;
	for (int i = 0; i < 20000; i++) {
		char s[96];
		int base = pick(4) ? (int)pick(3) * 8 : (int)pick(37);

		if (base == 1)
			base = 0;
		random_number_string(s, sizeof(s));
		check_all_strto(s, base);
	}
}

static void test_atoi_and_abs(void **state)
{
	(void)state;
	assert_int_equal(atoi("  -123abc"), -123);
	assert_int_equal(atoi(""), 0);
	assert_int_equal(atoi("0x10"), 0);
	assert_int_equal(atoi("010"), 10);
	assert_int_equal(atol("-9223372036854775808"), LONG_MIN);
	assert_int_equal(atoll("9223372036854775807"), LLONG_MAX);
	assert_int_equal(abs(-5), 5);
	assert_int_equal(abs(5), 5);
	assert_int_equal(abs(-INT_MAX), INT_MAX);
	assert_int_equal(labs(LONG_MIN + 1), LONG_MAX);
	assert_int_equal(llabs(-1LL), 1);
	assert_int_equal(llabs(0), 0);
}

/* qsort and bsearch -------------------------------------------------------------- */

struct record {
	int key;
	int serial; /* tells apart records with the same key */
	char pad[16];
};

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int compare_byte(const void *a, const void *b)
{
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

static int compare_key(const void *a, const void *b)
{
	return compare_int(&((const struct record *)a)->key, &((const struct record *)b)->key);
}

/* A total order: the host sorts with it to check that ours permuted the input. */
static int compare_record(const void *a, const void *b)
{
	const struct record *r = a, *s = b;

	return r->key != s->key ? compare_key(a, b) : compare_int(&r->serial, &s->serial);
}

enum shape { RANDOM, FEW_KEYS, SORTED, REVERSED, EQUAL, ORGAN_PIPE, NR_SHAPES };

static int key_for(enum shape shape, size_t i, size_t n)
{
	switch (shape) {
	case FEW_KEYS:
		return (int)pick(4);
	case SORTED:
		return (int)i;
	case REVERSED:
		return (int)(n - i);
	case EQUAL:
		return 7;
	case ORGAN_PIPE:
		return (int)(i < n / 2 ? i : n - i);
	default:
		return (int)rng();
	}
}

static void test_qsort_records(void **state)
{
	static struct record got[1500], want[1500];

	(void)state;
	for (int iter = 0; iter < 300; iter++) {
		size_t n = iter < 40 ? (size_t)iter : pick(1500);
		enum shape shape = (enum shape)pick(NR_SHAPES);

		for (size_t i = 0; i < n; i++)
			got[i] = (struct record){.key = key_for(shape, i, n), .serial = (int)i};
		host_memcpy(want, got, n * sizeof(*got));
		qsort(got, n, sizeof(*got), compare_key);
		for (size_t i = 1; i < n; i++)
			assert_true(got[i - 1].key <= got[i].key);
		/* Same records: sorting both by (key, serial) must give the same array. */
		host_qsort(want, n, sizeof(*want), compare_record);
		host_qsort(got, n, sizeof(*got), compare_record);
		assert_int_equal(host_memcmp(got, want, n * sizeof(*got)), 0);
	}
}

static void test_qsort_element_sizes(void **state)
{
	unsigned char bytes[300], bytes_want[300];
	int ints[300], ints_want[300];

	(void)state;
	for (int iter = 0; iter < 200; iter++) {
		size_t n = pick(300);

		for (size_t i = 0; i < n; i++) {
			bytes[i] = (unsigned char)rng();
			ints[i] = (int)rng() >> pick(32);
		}
		host_memcpy(bytes_want, bytes, n);
		host_memcpy(ints_want, ints, n * sizeof(int));
		qsort(bytes, n, 1, compare_byte);
		host_qsort(bytes_want, n, 1, compare_byte);
		assert_memory_equal(bytes, bytes_want, n);
		qsort(ints, n, sizeof(int), compare_int);
		host_qsort(ints_want, n, sizeof(int), compare_int);
		assert_memory_equal(ints, ints_want, n * sizeof(int));
	}
}

/*
 * McIlroy's adversary ("A Killer Adversary for Quicksort", 1999): values are
 * decided only when compared, so as to make the pivots as bad as possible.
 * Without the heapsort fallback a quicksort takes quadratic time on it.
 */
static struct {
	int *value;
	int gas; /* not yet decided: above every decided value */
	int nsolid;
	int candidate;
	long comparisons;
} adversary;

static int compare_adversary(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	adversary.comparisons++;
	if (adversary.value[x] == adversary.gas && adversary.value[y] == adversary.gas) {
		if (x == adversary.candidate)
			adversary.value[x] = adversary.nsolid++;
		else
			adversary.value[y] = adversary.nsolid++;
	}
	if (adversary.value[x] == adversary.gas)
		adversary.candidate = x;
	else if (adversary.value[y] == adversary.gas)
		adversary.candidate = y;
	return adversary.value[x] - adversary.value[y];
}

static void test_qsort_adversary(void **state)
{
	enum { N = 4096, LOG2_N = 12 };
	static int index[N], value[N];

	(void)state;
	adversary.value = value;
	adversary.gas = N;
	for (int i = 0; i < N; i++) {
		index[i] = i;
		value[i] = N;
	}
	qsort(index, N, sizeof(int), compare_adversary);
	for (int i = 1; i < N; i++)
		assert_true(value[index[i - 1]] <= value[index[i]]);
	/* Introsort: a few n log n; a plain quicksort needs about n^2 / 4 here. */
	assert_true(adversary.comparisons < 8L * N * LOG2_N);
}

static void test_bsearch(void **state)
{
	int sorted[200];

	(void)state;
	assert_null(bsearch(&(int){1}, NULL, 0, sizeof(int), compare_int));
	for (int iter = 0; iter < 500; iter++) {
		size_t n = 1 + pick(200);

		/* Distinct even keys: every odd key is absent. */
		for (size_t i = 0; i < n; i++)
			sorted[i] = 2 * (int)i;
		for (int key = -1; key <= 2 * (int)n; key++) {
			int *found = bsearch(&key, sorted, n, sizeof(int), compare_int);

			if (key % 2 || key < 0 || key / 2 >= (int)n)
				assert_null(found);
			else
				assert_ptr_equal(found, &sorted[key / 2]);
		}
	}
}

/* getenv --------------------------------------------------------------------------- */

static void test_getenv(void **state)
{
	char *variables[] = {"HOME=/root", "PATHX=wrong", "PATH=/bin", "EMPTY=", "NOEQUALS", NULL};
	char **saved = environ;

	(void)state;
	assert_null(getenv("HOME"));
	environ = variables;
	assert_string_equal(getenv("HOME"), "/root");
	assert_string_equal(getenv("PATH"), "/bin");
	assert_string_equal(getenv("EMPTY"), "");
	assert_null(getenv("HOM"));
	assert_null(getenv("NOEQUALS"));
	assert_null(getenv("MISSING"));
	environ = saved;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strto_table),	cmocka_unit_test(test_strto_invalid_base),
		cmocka_unit_test(test_strto_random),	cmocka_unit_test(test_atoi_and_abs),
		cmocka_unit_test(test_qsort_records),	cmocka_unit_test(test_qsort_element_sizes),
		cmocka_unit_test(test_qsort_adversary), cmocka_unit_test(test_bsearch),
		cmocka_unit_test(test_getenv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
