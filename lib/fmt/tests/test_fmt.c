/*
 * fmt against the host's snprintf: the same format and arguments must give
 * the same bytes and the same return value.  Conversions the engine rejects
 * on purpose (floating point, %n, L) are checked against fixed strings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/fmt.h>

#define BUF_SIZE 512

static unsigned int cases;

static void compare_with_host(int line, const char *fmt, va_list ap)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	va_list ap2;
	int want_len, got_len;

	va_copy(ap2, ap);
	want_len = vsnprintf(want, sizeof(want), fmt, ap);
	got_len = fmt_vsnprintf(got, sizeof(got), fmt, ap2);
	va_end(ap2);
	assert_true(want_len >= 0 && want_len < BUF_SIZE);
	if (got_len != want_len || memcmp(got, want, (size_t)want_len + 1)) {
		print_error("line %d: format \"%s\": want \"%s\" (%d), got \"%s\" (%d)\n", line,
			    fmt, want, want_len, got, got_len);
		fail();
	}
	cases++;
}

/* Typed by the compiler: -Wformat keeps every case's arguments honest. */
static void __attribute__((format(printf, 2, 3))) check(int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	compare_with_host(line, fmt, ap);
	va_end(ap);
}

#define CHECK(...) check(__LINE__, __VA_ARGS__)

static void test_plain_and_percent(void **state)
{
	(void)state;
	CHECK("hello, world");
	CHECK("%%");
	CHECK("100%% sure");
	CHECK("%%%%%%");
	CHECK("a%%b%%c");
}

static void test_signed(void **state)
{
	(void)state;
	CHECK("%d", 0);
	CHECK("%d", 1);
	CHECK("%d", -1);
	CHECK("%d", 42);
	CHECK("%i", -42);
	CHECK("%d", INT_MAX);
	CHECK("%d", INT_MIN);
	CHECK("%+d", 0);
	CHECK("%+d", 7);
	CHECK("%+d", -7);
	CHECK("% d", 7);
	CHECK("% d", -7);
	CHECK("% d", 0);
	CHECK("%5d", 42);
	CHECK("%-5d|", 42);
	CHECK("%05d", 42);
	CHECK("%05d", -42);
	CHECK("%+05d", 42);
	CHECK("% 05d", 42);
	CHECK("%1d", 12345);
	CHECK("%.3d", 7);
	CHECK("%.3d", -7);
	CHECK("%.0d", 0);
	CHECK("%.0d", 1);
	CHECK("%5.0d|", 0);
	CHECK("%+.0d", 0);
	CHECK("% .0d", 0);
	CHECK("%8.3d", -7);
	CHECK("%-8.3d|", -7);
	CHECK("%.10d", INT_MIN);
	CHECK("%+.1d", 0);
	CHECK("%20i", INT_MIN);
	CHECK("%-+20i|", INT_MAX);
	CHECK("%0+20i", INT_MIN);
}

static void test_unsigned(void **state)
{
	(void)state;
	CHECK("%u", 0u);
	CHECK("%u", 1u);
	CHECK("%u", UINT_MAX);
	CHECK("%o", 0u);
	CHECK("%o", 8u);
	CHECK("%o", UINT_MAX);
	CHECK("%x", 0u);
	CHECK("%x", 255u);
	CHECK("%X", 255u);
	CHECK("%x", UINT_MAX);
	CHECK("%X", 0xdeadbeefu);
	CHECK("%#x", 0u);
	CHECK("%#x", 255u);
	CHECK("%#X", 255u);
	CHECK("%#o", 0u);
	CHECK("%#o", 8u);
	CHECK("%#o", 010u);
	CHECK("%#.0o", 0u);
	CHECK("%#.0x", 0u);
	CHECK("%#.5o", 8u);
	CHECK("%#.2o", 0777u);
	CHECK("%#5.0o|", 0u);
	CHECK("%#10x", 255u);
	CHECK("%#-10x|", 255u);
	CHECK("%#010x", 255u);
	CHECK("%#010X", 255u);
	CHECK("%#.6x", 255u);
	CHECK("%#12.6x", 255u);
	CHECK("%010u", 123u);
	CHECK("%.0u", 0u);
	CHECK("%.0x", 0u);
	CHECK("%.0o", 0u);
	CHECK("%3.0x|", 0u);
	CHECK("%.8x", 0xabcu);
	CHECK("%08o", 0777u);
	CHECK("%-8o|", 0777u);
	CHECK("%#-8o|", 0777u);
	CHECK("%#08o", 0777u);
}

static void test_length_modifiers(void **state)
{
	(void)state;
	CHECK("%hhd", (signed char)-128);
	CHECK("%hhd", (signed char)127);
	CHECK("%hhd", 300);
	CHECK("%hhu", (unsigned char)255);
	CHECK("%hhu", 511);
	CHECK("%hhx", 0x1ff);
	CHECK("%hho", 0777);
	CHECK("%hd", (short)-32768);
	CHECK("%hd", 70000);
	CHECK("%hu", 70000);
	CHECK("%hx", 0x12345);
	CHECK("%#hX", 0xbeef);
	CHECK("%ld", LONG_MIN);
	CHECK("%ld", LONG_MAX);
	CHECK("%li", -1L);
	CHECK("%lu", ULONG_MAX);
	CHECK("%lx", ULONG_MAX);
	CHECK("%lo", ULONG_MAX);
	CHECK("%#lo", ULONG_MAX);
	CHECK("%lld", LLONG_MIN);
	CHECK("%lld", LLONG_MAX);
	CHECK("%llu", ULLONG_MAX);
	CHECK("%llX", ULLONG_MAX);
	CHECK("%#llx", 0x123456789abcdefULL);
	CHECK("%zu", (size_t)0);
	CHECK("%zu", SIZE_MAX);
	CHECK("%zx", SIZE_MAX);
	CHECK("%zd", (ssize_t)-1);
	CHECK("%zd", (ssize_t)PTRDIFF_MAX);
	CHECK("%jd", INTMAX_MIN);
	CHECK("%jd", INTMAX_MAX);
	CHECK("%ju", UINTMAX_MAX);
	CHECK("%jx", (uintmax_t)0xfeedULL);
	CHECK("%td", PTRDIFF_MIN);
	CHECK("%td", (ptrdiff_t)-5);
	CHECK("%tu", (ptrdiff_t)5);
	CHECK("%tx", (ptrdiff_t)-1);
	CHECK("%+25lld", LLONG_MIN);
	CHECK("%-25llu|", ULLONG_MAX);
	CHECK("%025lo", ULONG_MAX);
	CHECK("%.30ld", LONG_MAX);
	CHECK("% hhd", 5);
	CHECK("%+hd", 5);
}

static void test_char_and_string(void **state)
{
	const char *volatile null_string = NULL;

	(void)state;
	CHECK("%c", 'a');
	CHECK("%c%c%c", 'a', 'b', 'c');
	CHECK("%5c", 'x');
	CHECK("%-5c|", 'x');
	CHECK("%1c", 'x');
	CHECK("%c", 255);
	CHECK("%c", 0x141);
	CHECK("a%cb", 0);
	CHECK("%3c|", 0);
	CHECK("%s", "");
	CHECK("%s", "hello");
	CHECK("%10s", "hello");
	CHECK("%-10s|", "hello");
	CHECK("%2s", "hello");
	CHECK("%.3s", "hello");
	CHECK("%.0s", "hello");
	CHECK("%.10s", "hello");
	CHECK("%10.3s", "hello");
	CHECK("%-10.3s|", "hello");
	CHECK("%.5s", "hello");
	CHECK("%s %s", "one", "two");
	CHECK("%s", null_string);
	CHECK("%10s", null_string);
	CHECK("%-10s|", null_string);
	CHECK("%.6s", null_string);
	CHECK("%.5s", null_string);
	CHECK("%.0s", null_string);
	CHECK("%8.2s|", null_string);
	CHECK("[%s]", "with %d inside");
}

static void test_pointer(void **state)
{
	void *p = (void *)0x1234;
	void *high = (void *)UINTPTR_MAX;

	(void)state;
	CHECK("%p", p);
	CHECK("%p", high);
	CHECK("%p", (void *)NULL);
	CHECK("%20p", p);
	CHECK("%-20p|", p);
	CHECK("%10p", (void *)NULL);
	CHECK("%-10p|", (void *)NULL);
	CHECK("%2p", (void *)NULL);
	CHECK("%p %p", p, (void *)NULL);
}

static void test_star(void **state)
{
	(void)state;
	CHECK("%*d", 5, 42);
	CHECK("%*d|", -5, 42);
	CHECK("%-*d|", -5, 42);
	CHECK("%-*d|", 5, 42);
	CHECK("%0*d", 6, -42);
	CHECK("%*d", 0, 42);
	CHECK("%.*d", 5, 42);
	CHECK("%.*d", -1, 42);
	CHECK("%.*d", 0, 0);
	CHECK("%.*d|", -3, 0);
	CHECK("%*.*d", 8, 4, -42);
	CHECK("%*.*d|", -8, 4, -42);
	CHECK("%*.*s|", 10, 2, "hello");
	CHECK("%*.*s|", -10, -2, "hello");
	CHECK("%.*s", 3, "hello");
	CHECK("%*c|", -3, 'z');
	CHECK("%*p", 20, (void *)0xabc);
	CHECK("%#*x", 10, 0xabcu);
	CHECK("%*lld %s", 25, LLONG_MIN, "after");
}

static void test_mixed(void **state)
{
	(void)state;
	CHECK("%s=%d (%#x) at %p%c", "answer", 42, 42u, (void *)0xffff8000, '!');
	CHECK("[%5s|%-5s|%05d|%-5d|%5.1s]", "ab", "cd", -1, -1, "ef");
	CHECK("%d%%%u%%%x", -1, 1u, 1u);
	CHECK("%hhd %hd %d %ld %lld %zd %jd %td", 1, 2, 3, 4L, 5LL, (ssize_t)6, (intmax_t)7,
	      (ptrdiff_t)8);
	CHECK("%lu %llu %zu %ju %hu %hhu", 1UL, 2ULL, (size_t)3, (uintmax_t)4, 5, 6);
	CHECK("%s%s%s%s", "", "a", "", "b");
	CHECK("%c%s%c", '<', "mid", '>');
}

/*
 * Well defined, or glibc's de facto behaviour for %p, but -Wformat warns that
 * a flag is ignored or that %p takes no flags or precision.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
static void test_flag_interactions(void **state)
{
	void *p = (void *)0x1234;

	(void)state;
	CHECK("");
	CHECK("%+ d", 7);
	CHECK("% +d", 7);
	CHECK("%-05d|", -42);
	CHECK("%08.3d", -7);
	CHECK("%0.*d", -1, 42);
	CHECK("%0.*d", 3, 42);
	CHECK("%#012.6x", 255u);
	CHECK("%-010u|", 123u);
	CHECK("%+u % u %+x % o", 1u, 2u, 3u, 4u);
	CHECK("%020p", p);
	CHECK("%-020p|", p);
	CHECK("%.10p", p);
	CHECK("%20.10p", p);
	CHECK("%+p", p);
	CHECK("% p", p);
	CHECK("%+020p", p);
	CHECK("%.3p", (void *)NULL);
}
#pragma GCC diagnostic pop

static void test_case_count(void **state)
{
	(void)state;
	/* The table above covers at least this many formats. */
	assert_true(cases >= 150);
}

/* Every size around the output's length, against the host, sentinel bytes included. */
static void check_truncation(const char *fmt, ...)
{
	char full[BUF_SIZE];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(full, sizeof(full), fmt, ap);
	va_end(ap);
	for (size_t size = 0; size <= (size_t)len + 2; size++) {
		char want[BUF_SIZE], got[BUF_SIZE];

		memset(want, 0x5a, sizeof(want));
		memset(got, 0x5a, sizeof(got));
		va_start(ap, fmt);
		assert_int_equal(vsnprintf(want, size, fmt, ap), len);
		va_end(ap);
		va_start(ap, fmt);
		assert_int_equal(fmt_vsnprintf(got, size, fmt, ap), len);
		va_end(ap);
		assert_memory_equal(got, want, sizeof(want));
	}
}

static void test_truncation(void **state)
{
	char buf[8];

	(void)state;
	check_truncation("hello");
	check_truncation("%d and %s", -12345, "a string");
	check_truncation("%-10x|%+5d", 0xabcu, 3);
	check_truncation("%c", 'x');
	check_truncation("");

	/* size 0: nothing written, buf may be NULL, length still returned. */
	assert_int_equal(fmt_snprintf(NULL, 0, "%s%d", "abc", 123), 6);
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 0, "abc"), 3);
	assert_int_equal(buf[0], 'x');
	/* size 1: only the NUL. */
	assert_int_equal(fmt_snprintf(buf, 1, "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'x');
	/* exact fit: 7 characters and the NUL in 8 bytes. */
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%07d", 5), 7);
	assert_string_equal(buf, "0000005");
	/* one short: the last character gives way to the NUL. */
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%08d", 5), 8);
	assert_string_equal(buf, "0000000");
}

static int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

/* Formats the engine rejects on purpose; the fmt strings defeat -Wformat. */
static void test_unsupported(void **state)
{
	const char *volatile f;
	char buf[64];
	int stored = 7;

	(void)state;
	f = "%f|%d";
	assert_int_equal(format(buf, sizeof(buf), f, 42), 5);
	assert_string_equal(buf, "%f|42");
	f = "%e %E %g %G %a %A %F";
	assert_int_equal(format(buf, sizeof(buf), f), 20);
	assert_string_equal(buf, "%e %E %g %G %a %A %F");
	f = "%-08.3lf|%s";
	format(buf, sizeof(buf), f, "next");
	assert_string_equal(buf, "%-08.3lf|next");
	f = "%*f|%d";
	format(buf, sizeof(buf), f, 9);
	assert_string_equal(buf, "%*f|9");
	f = "%Lf %Ld %Lx|%d";
	format(buf, sizeof(buf), f, 1);
	assert_string_equal(buf, "%Lf %Ld %Lx|1");
	f = "%ls %lc %hs %zp|%d";
	format(buf, sizeof(buf), f, 2);
	assert_string_equal(buf, "%ls %lc %hs %zp|2");
	/* %n: the pointer is skipped and nothing is stored. */
	f = "a%nb%hhn|%d";
	format(buf, sizeof(buf), f, &stored, &stored, 3);
	assert_string_equal(buf, "a%nb%hhn|3");
	assert_int_equal(stored, 7);
	f = "%y %m %C %S %q|%d";
	format(buf, sizeof(buf), f, 4);
	assert_string_equal(buf, "%y %m %C %S %q|4");
	f = "%1$s|%d";
	format(buf, sizeof(buf), f, 5);
	assert_string_equal(buf, "%1$s|5");
	/* A format ending inside a specification. */
	f = "tail%";
	assert_int_equal(format(buf, sizeof(buf), f), 5);
	assert_string_equal(buf, "tail%");
	f = "tail%-08.3l";
	format(buf, sizeof(buf), f);
	assert_string_equal(buf, "tail%-08.3l");
	/* '0' with c and s means nothing (undefined in C): spaces, like glibc. */
	f = "%05c|%05s";
	format(buf, sizeof(buf), f, 'a', "b");
	assert_string_equal(buf, "    a|    b");
}

static void count_sink(void *ctx, const char *s, size_t len)
{
	(void)s;
	assert_true(len > 0);
	*(size_t *)ctx += len;
}

static int count(size_t *total, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = fmt_vformat(count_sink, total, fmt, ap);
	va_end(ap);
	return len;
}

static void test_overflow(void **state)
{
	const char *volatile f;
	size_t total = 0;
	char buf[16];

	(void)state;
	assert_int_equal(count(&total, "%s|%5d", "abc", 1), 9);
	assert_int_equal(total, 9);
	/* Widths and precisions beyond INT_MAX fail the call. */
	f = "%2147483648d";
	assert_int_equal(format(buf, sizeof(buf), f, 1), -1);
	f = "%.2147483648d";
	assert_int_equal(format(buf, sizeof(buf), f, 1), -1);
	f = "%99999999999999999999s";
	assert_int_equal(format(buf, sizeof(buf), f, "x"), -1);
	assert_int_equal(format(buf, sizeof(buf), "%*d", INT_MIN, 1), -1);
	/* Output longer than INT_MAX cannot be counted. */
	total = 0;
	assert_int_equal(count(&total, "%*d%d", INT_MAX, 1, 2), -1);
	assert_int_equal(total, (size_t)INT_MAX + 1);
	total = 0;
	assert_int_equal(count(&total, "%*d", INT_MAX, 1), INT_MAX);
}

/* Random specifications --------------------------------------------------------- */

enum arg_kind {
	ARG_INT,
	ARG_LONG,
	ARG_LLONG,
	ARG_SIZE,
	ARG_INTMAX,
	ARG_PTRDIFF,
	ARG_POINTER,
	ARG_STRING
};

struct random_spec {
	char fmt[64];
	int stars[2];
	int nstars;
	enum arg_kind kind;
};

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
	return (unsigned int)(rng() % n);
}

/* Small, extreme, or of a random bit length, either sign. */
static uint64_t random_value(void)
{
	static const uint64_t special[] = {0,	       1,	   8,	      10,
					   127,	       128,	   255,	      256,
					   0x7fff,     0x8000,	   0xffff,    0x7fffffff,
					   0x80000000, 0xffffffff, INT64_MAX, (uint64_t)INT64_MIN};
	uint64_t v =
		pick(3) ? rng() >> pick(64) : special[pick(sizeof(special) / sizeof(*special))];

	return pick(2) ? v : -v;
}

static void append_flags(char **p, char conv)
{
	for (unsigned int n = pick(4); n; n--) {
		char flag = "-+ #0"[pick(5)];

		/* '#' is undefined for anything but o x X. */
		if (flag != '#' || strchr("oxX", conv))
			*(*p)++ = flag;
	}
}

static void append_width(char **p, struct random_spec *spec)
{
	switch (pick(3)) {
	case 1:
		*p += sprintf(*p, "%u", pick(30));
		break;
	case 2:
		*(*p)++ = '*';
		spec->stars[spec->nstars++] = (int)pick(61) - 30;
		break;
	}
}

static void append_precision(char **p, struct random_spec *spec)
{
	switch (pick(4)) {
	case 1:
		*(*p)++ = '.';
		break;
	case 2:
		*p += sprintf(*p, ".%u", pick(30));
		break;
	case 3:
		*p += sprintf(*p, ".*");
		spec->stars[spec->nstars++] = (int)pick(36) - 5;
		break;
	}
}

static void random_spec(struct random_spec *spec)
{
	static const char *const lengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
	static const enum arg_kind length_kinds[] = {ARG_INT,	ARG_INT,  ARG_INT,    ARG_LONG,
						     ARG_LLONG, ARG_SIZE, ARG_INTMAX, ARG_PTRDIFF};
	char conv = "diouxXcsp"[pick(9)];
	char *p = spec->fmt;

	spec->nstars = 0;
	*p++ = '<';
	*p++ = '%';
	append_flags(&p, conv);
	append_width(&p, spec);
	/* A precision is undefined for c. */
	if (conv != 'c')
		append_precision(&p, spec);
	if (strchr("csp", conv)) {
		spec->kind = conv == 's' ? ARG_STRING : conv == 'p' ? ARG_POINTER : ARG_INT;
	} else {
		unsigned int i = pick(8);

		p += sprintf(p, "%s", lengths[i]);
		spec->kind = length_kinds[i];
	}
	sprintf(p, "%c>", conv);
}

typedef int (*snprintf_fn)(char *buf, size_t size, const char *fmt, ...);

#define CALL_WITH_STARS(fn, buf, spec, value)                                                      \
	((spec)->nstars == 0 ? fn(buf, BUF_SIZE, (spec)->fmt, value)                               \
	 : (spec)->nstars == 1                                                                     \
		 ? fn(buf, BUF_SIZE, (spec)->fmt, (spec)->stars[0], value)                         \
		 : fn(buf, BUF_SIZE, (spec)->fmt, (spec)->stars[0], (spec)->stars[1], value))

static int format_random(snprintf_fn fn, char *buf, const struct random_spec *spec, uint64_t value,
			 const char *string)
{
	switch (spec->kind) {
	case ARG_LONG:
		return CALL_WITH_STARS(fn, buf, spec, (long)value);
	case ARG_LLONG:
		return CALL_WITH_STARS(fn, buf, spec, (long long)value);
	case ARG_SIZE:
		return CALL_WITH_STARS(fn, buf, spec, (size_t)value);
	case ARG_INTMAX:
		return CALL_WITH_STARS(fn, buf, spec, (intmax_t)value);
	case ARG_PTRDIFF:
		return CALL_WITH_STARS(fn, buf, spec, (ptrdiff_t)value);
	case ARG_POINTER:
		return CALL_WITH_STARS(fn, buf, spec, (void *)(uintptr_t)value);
	case ARG_STRING:
		return CALL_WITH_STARS(fn, buf, spec, string);
	default:
		return CALL_WITH_STARS(fn, buf, spec, (int)value);
	}
}

static void test_random_specs(void **state)
{
	static const char *const strings[] = {"", "a", "hello", "with spaces and %d", NULL};

	(void)state;
	for (int i = 0; i < 20000; i++) {
		char want[BUF_SIZE], got[BUF_SIZE];
		struct random_spec spec;
		uint64_t value = random_value();
		const char *string = strings[pick(sizeof(strings) / sizeof(*strings))];
		int want_len, got_len;

		random_spec(&spec);
		want_len = format_random(snprintf, want, &spec, value, string);
		got_len = format_random(fmt_snprintf, got, &spec, value, string);
		if (got_len != want_len || memcmp(got, want, (size_t)want_len + 1)) {
			print_error("case %d: \"%s\" stars %d %d value %#llx: want \"%s\" (%d), "
				    "got \"%s\" (%d)\n",
				    i, spec.fmt, spec.stars[0], spec.stars[1],
				    (unsigned long long)value, want, want_len, got, got_len);
			fail();
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_percent),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_char_and_string),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_flag_interactions),
		cmocka_unit_test(test_case_count),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_random_specs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
