/* cmdline: quoting rules, "--" handling, limits, and a quote/split round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <tessera/cmdline.h>

#define MAX_WORDS 32

/* Splits a copy of line and checks the words against the NULL-terminated list. */
static void check_split(const char *line, ...)
{
	char buf[256], *words[MAX_WORDS];
	const char *want;
	va_list ap;
	int n, i = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	n = cmdline_split(buf, words, MAX_WORDS);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *))) {
		assert_true(i < n);
		assert_true(words[i] >= buf && words[i] < buf + sizeof(buf));
		assert_string_equal(words[i], want);
		i++;
	}
	va_end(ap);
	assert_int_equal(n, i);
}

static int split_error(const char *line, int max)
{
	char buf[256], *words[MAX_WORDS];

	snprintf(buf, sizeof(buf), "%s", line);
	return cmdline_split(buf, words, max);
}

static void test_whitespace(void **state)
{
	(void)state;
	check_split("", NULL);
	check_split("   \t\n ", NULL);
	check_split("a", "a", NULL);
	check_split("a b c", "a", "b", "c", NULL);
	check_split("  a \t b\n\nc\r\v\fd  ", "a", "b", "c", "d", NULL);
	check_split("loglevel=7 boottime", "loglevel=7", "boottime", NULL);
}

static void test_single_quotes(void **state)
{
	(void)state;
	check_split("'a b'", "a b", NULL);
	check_split("x'a b'y", "xa by", NULL);
	check_split("'a\\b' '\\'", "a\\b", "\\", NULL);
	check_split("'say \"hi\"'", "say \"hi\"", NULL);
	check_split("'\t\n'", "\t\n", NULL);
	check_split("'it'\\''s'", "it's", NULL);
	check_split("name='a value'", "name=a value", NULL);
}

static void test_double_quotes(void **state)
{
	(void)state;
	check_split("\"a b\"", "a b", NULL);
	check_split("\"a\\\"b\"", "a\"b", NULL);
	check_split("\"a\\\\b\"", "a\\b", NULL);
	/* Other backslashes stay. */
	check_split("\"a\\nb\\'\"", "a\\nb\\'", NULL);
	check_split("\"it's\"", "it's", NULL);
	check_split("\"\\\\\"", "\\", NULL);
	check_split("'a'\"b\"c", "abc", NULL);
}

static void test_backslash(void **state)
{
	(void)state;
	check_split("a\\ b", "a b", NULL);
	check_split("\\'x \\\"y", "'x", "\"y", NULL);
	check_split("\\\\", "\\", NULL);
	check_split("\\a\\b", "ab", NULL);
	check_split("a\\\tb c", "a\tb", "c", NULL);
}

static void test_empty_words(void **state)
{
	(void)state;
	check_split("''", "", NULL);
	check_split("\"\"", "", NULL);
	check_split("'' a ''", "", "a", "", NULL);
	check_split("a '' \"\" b", "a", "", "", "b", NULL);
	check_split("''''", "", NULL);
}

static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(split_error("'abc", MAX_WORDS), -EINVAL);
	assert_int_equal(split_error("a \"abc", MAX_WORDS), -EINVAL);
	assert_int_equal(split_error("\"abc\\\"", MAX_WORDS), -EINVAL);
	assert_int_equal(split_error("abc\\", MAX_WORDS), -EINVAL);
	assert_int_equal(split_error("'", MAX_WORDS), -EINVAL);
	assert_int_equal(split_error("a 'b c", MAX_WORDS), -EINVAL);
}

static void test_limits(void **state)
{
	char buf[64], *words[4];

	(void)state;
	assert_int_equal(split_error("", 0), 0);
	assert_int_equal(split_error("   ", 0), 0);
	assert_int_equal(split_error("a", 0), -E2BIG);
	assert_int_equal(split_error("a b c", 3), 3);
	assert_int_equal(split_error("a b c d", 3), -E2BIG);
	assert_int_equal(split_error("a b c   ", 3), 3);

	/* Nothing is stored past max. */
	strcpy(buf, "a b c d e");
	words[3] = buf;
	assert_int_equal(cmdline_split(buf, words, 3), -E2BIG);
	assert_ptr_equal(words[3], buf);
}

static void test_parse(void **state)
{
	struct cmdline cl;
	char buf[128], *words[MAX_WORDS];

	(void)state;
	/* No "--": every word is a kernel option. */
	strcpy(buf, "loglevel=7 boottime");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), 0);
	assert_int_equal(cl.nopts, 2);
	assert_string_equal(cl.opts[0], "loglevel=7");
	assert_string_equal(cl.opts[1], "boottime");
	assert_int_equal(cl.argc, 0);

	/* "--" first: no options. */
	strcpy(buf, "-- app 'arg one'");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), 0);
	assert_int_equal(cl.nopts, 0);
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.argv[0], "app");
	assert_string_equal(cl.argv[1], "arg one");

	/* "--" last: no arguments. */
	strcpy(buf, "a b --");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), 0);
	assert_int_equal(cl.nopts, 2);
	assert_int_equal(cl.argc, 0);

	/* The second "--" belongs to the application. */
	strcpy(buf, "a -- app -- x");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), 0);
	assert_int_equal(cl.nopts, 1);
	assert_string_equal(cl.opts[0], "a");
	assert_int_equal(cl.argc, 3);
	assert_string_equal(cl.argv[0], "app");
	assert_string_equal(cl.argv[1], "--");
	assert_string_equal(cl.argv[2], "x");

	/* Quoted or escaped, "--" is an ordinary word; so is "--x". */
	strcpy(buf, "'--' \"--\" \\-- -\\- --x --- -- app");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), 0);
	assert_int_equal(cl.nopts, 6);
	assert_string_equal(cl.opts[0], "--");
	assert_string_equal(cl.opts[3], "--");
	assert_string_equal(cl.opts[4], "--x");
	assert_int_equal(cl.argc, 1);
	assert_string_equal(cl.argv[0], "app");

	/* "--" after tabs and at the very end of the line. */
	strcpy(buf, "a\t--");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), 0);
	assert_int_equal(cl.nopts, 1);
	assert_int_equal(cl.argc, 0);

	/* Errors of the split come through. */
	strcpy(buf, "a -- 'b");
	assert_int_equal(cmdline_parse(buf, words, MAX_WORDS, &cl), -EINVAL);
	strcpy(buf, "a b c");
	assert_int_equal(cmdline_parse(buf, words, 2, &cl), -E2BIG);
}

static void test_option_name(void **state)
{
	const char *value;

	(void)state;
	assert_int_equal(cmdline_option_name("boottime", &value), 8);
	assert_null(value);
	assert_int_equal(cmdline_option_name("loglevel=7", &value), 8);
	assert_string_equal(value, "7");
	assert_int_equal(cmdline_option_name("name=", &value), 4);
	assert_string_equal(value, "");
	assert_int_equal(cmdline_option_name("=v", &value), 0);
	assert_string_equal(value, "v");
	assert_int_equal(cmdline_option_name("a=b=c", &value), 1);
	assert_string_equal(value, "b=c");
	assert_int_equal(cmdline_option_name("", &value), 0);
	assert_null(value);
}

static void test_number(void **state)
{
	const char *end;
	uint64_t v;

	(void)state;
	assert_int_equal(cmdline_number("1234", 10, NULL, &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(cmdline_number("0x1fF", 0, NULL, &v), 0);
	assert_int_equal(v, 0x1ff);
	assert_int_equal(cmdline_number("0755", 0, NULL, &v), 0);
	assert_int_equal(v, 0755);
	assert_int_equal(cmdline_number("0", 0, NULL, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(cmdline_number("18446744073709551615", 10, NULL, &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(cmdline_number("18446744073709551616", 10, NULL, &v), -ERANGE);
	assert_int_equal(cmdline_number("12k", 10, &end, &v), 0);
	assert_int_equal(v, 12);
	assert_string_equal(end, "k");
	/* 0x without a hex digit is the number 0 followed by "x". */
	assert_int_equal(cmdline_number("0xg", 0, &end, &v), 0);
	assert_int_equal(v, 0);
	assert_string_equal(end, "xg");
	assert_int_equal(cmdline_number("12k", 10, NULL, &v), -EINVAL);
	assert_int_equal(cmdline_number("", 10, NULL, &v), -EINVAL);
	assert_int_equal(cmdline_number("-1", 10, &end, &v), -EINVAL);
	assert_int_equal(cmdline_number(" 1", 10, &end, &v), -EINVAL);
	assert_int_equal(cmdline_number("8", 8, &end, &v), -EINVAL);
}

/* Round trip --------------------------------------------------------------------- */

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

/* xorshift64*: a fixed seed gives the same cases on every run. */
static unsigned int pick(unsigned int n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned int)((rng_state * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

static void random_word(char *word, size_t size)
{
	static const char alphabet[] = " \t\n'\"\\-=$*ab";
	size_t len = pick((unsigned int)size);

	if (pick(8) == 0) {
		strcpy(word, "--");
		return;
	}
	for (size_t i = 0; i < len; i++)
		word[i] = alphabet[pick(sizeof(alphabet) - 1)];
	word[len] = '\0';
}

/* The CLI's rule: single-quote every word, writing ' as '\''. */
static char *quote(char *out, const char *word)
{
	*out++ = '\'';
	for (; *word; word++) {
		if (*word == '\'')
			out = stpcpy(out, "'\\''");
		else
			*out++ = *word;
	}
	*out++ = '\'';
	*out = '\0';
	return out;
}

/* Words joined by random whitespace, each quoted. */
static char *quote_all(char *out, char words[][16], int n)
{
	for (int i = 0; i < n; i++) {
		out = quote(out, words[i]);
		*out++ = " \t\n"[pick(3)];
	}
	*out = '\0';
	return out;
}

static void test_round_trip(void **state)
{
	(void)state;
	for (int iter = 0; iter < 5000; iter++) {
		char opts[4][16], args[8][16], line[1024], *words[MAX_WORDS], *p;
		int nopts = (int)pick(5), argc = (int)pick(9);
		struct cmdline cl;

		for (int i = 0; i < nopts; i++)
			random_word(opts[i], sizeof(opts[i]));
		for (int i = 0; i < argc; i++)
			random_word(args[i], sizeof(args[i]));

		p = quote_all(line, opts, nopts);
		p = stpcpy(p, " -- ");
		quote_all(p, args, argc);
		assert_int_equal(cmdline_parse(line, words, MAX_WORDS, &cl), 0);
		assert_int_equal(cl.nopts, nopts);
		assert_int_equal(cl.argc, argc);
		for (int i = 0; i < nopts; i++)
			assert_string_equal(cl.opts[i], opts[i]);
		for (int i = 0; i < argc; i++)
			assert_string_equal(cl.argv[i], args[i]);

		quote_all(line, args, argc);
		assert_int_equal(cmdline_split(line, words, MAX_WORDS), argc);
		for (int i = 0; i < argc; i++)
			assert_string_equal(words[i], args[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whitespace),    cmocka_unit_test(test_single_quotes),
		cmocka_unit_test(test_double_quotes), cmocka_unit_test(test_backslash),
		cmocka_unit_test(test_empty_words),   cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),	      cmocka_unit_test(test_parse),
		cmocka_unit_test(test_option_name),   cmocka_unit_test(test_number),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
