/*
 * The text exposition writer against the format's rules: HELP and TYPE
 * lines, label formatting, the escapes of HELP text and label values,
 * decimal scaling, and which names are valid.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <tessera/metrics_text.h>

struct buffer {
	char text[2048];
	size_t len;
};

static void append(void *ctx, const char *s, size_t len)
{
	struct buffer *b = ctx;

	assert_true(len > 0);
	assert_true(b->len + len < sizeof(b->text));
	memcpy(b->text + b->len, s, len);
	b->len += len;
	b->text[b->len] = '\0';
}

static void check(const struct metric *m, size_t n, const char *want)
{
	struct buffer b = {.len = 0};

	metrics_write(m, n, append, &b);
	assert_string_equal(b.text, want);
}

static void test_counter(void **state)
{
	uint64_t value = 42;
	struct metric m = {.name = "tessera_things_total", .help = "Things done",
			   .type = METRIC_COUNTER, .values = &value, .count = 1};

	(void)state;
	check(&m, 1, "# HELP tessera_things_total Things done\n"
		     "# TYPE tessera_things_total counter\n"
		     "tessera_things_total 42\n");
}

static uint64_t read_ns(void)
{
	return 1234567890;
}

static uint64_t read_small(void)
{
	return 5;
}

static void test_scaled_gauges(void **state)
{
	uint64_t max = UINT64_MAX;
	struct metric m[] = {
		{.name = "up_seconds", .help = "h", .type = METRIC_GAUGE, .scale = 9, .read = read_ns},
		{.name = "tiny", .help = "h", .type = METRIC_GAUGE, .scale = 3, .read = read_small},
		{.name = "max", .help = "h", .type = METRIC_GAUGE, .values = &max, .count = 1},
	};

	(void)state;
	check(m, 3, "# HELP up_seconds h\n# TYPE up_seconds gauge\nup_seconds 1.234567890\n"
		    "# HELP tiny h\n# TYPE tiny gauge\ntiny 0.005\n"
		    "# HELP max h\n# TYPE max gauge\nmax 18446744073709551615\n");
}

static void test_labels_and_escapes(void **state)
{
	static const char *const labels[] = {"read", NULL, "a\"b\\c\nd"};
	uint64_t values[] = {3, 99, 7};
	struct metric m = {.name = "ops_total", .help = "Ops \"quoted\", back\\slash\nnext",
			   .type = METRIC_COUNTER, .label = "op", .values = values,
			   .label_values = labels, .count = 3};

	(void)state;
	check(&m, 1, "# HELP ops_total Ops \"quoted\", back\\\\slash\\nnext\n"
		     "# TYPE ops_total counter\n"
		     "ops_total{op=\"read\"} 3\n"
		     "ops_total{op=\"a\\\"b\\\\c\\nd\"} 7\n");
}

static void collect_two(struct metrics_out *out)
{
	metric_sample(out, "x", 1);
	metric_sample(out, "y", 20);
}

static void test_collect(void **state)
{
	struct metric m = {.name = "c", .help = "", .type = METRIC_GAUGE, .label = "k",
			   .collect = collect_two};

	(void)state;
	check(&m, 1, "# HELP c \n# TYPE c gauge\nc{k=\"x\"} 1\nc{k=\"y\"} 20\n");
}

static void test_names(void **state)
{
	(void)state;
	assert_true(metrics_valid_name("tessera_syscalls_total", false));
	assert_true(metrics_valid_name("ns:rule_1", false));
	assert_true(metrics_valid_name("_x", false));
	assert_false(metrics_valid_name("", false));
	assert_false(metrics_valid_name("1abc", false));
	assert_false(metrics_valid_name("a-b", false));
	assert_false(metrics_valid_name("a b", false));
	assert_true(metrics_valid_name("name", true));
	assert_false(metrics_valid_name("a:b", true));
	assert_false(metrics_valid_name("__reserved", true));
}

static void test_registration_macros(void **state)
{
	METRIC_COUNTERS(ops, "m_total", "h", "op", [1] = "second", [0] = "first");

	(void)state;
	metric_add(ops[1], 5);
	metric_add(ops[0], 2);
	metric_sub(ops[1], 1);
	check(&__metric_ops, 1, "# HELP m_total h\n# TYPE m_total counter\n"
				"m_total{op=\"first\"} 2\nm_total{op=\"second\"} 4\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter),
		cmocka_unit_test(test_scaled_gauges),
		cmocka_unit_test(test_labels_and_escapes),
		cmocka_unit_test(test_collect),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_registration_macros),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
