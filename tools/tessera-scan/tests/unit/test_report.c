// SPDX-License-Identifier: BSD-3-Clause
/* Report numbers from the hand-made result documents in tests/fixtures/results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "report.h"

#define RESULTS FIXTURE_DIR "/results/"

static char *const files[] = {RESULTS "alpha-suite.json", RESULTS "alpha-bench.json",
			      RESULTS "beta-suite.json", RESULTS "extra-suite.json"};

static void rows_count_classes(void **state)
{
	struct report r;

	(void)state;
	report_load(&r, files, 4);
	assert_int_equal(r.rows[0].traced, 4);
	assert_int_equal(r.rows[0].required, 2);
	assert_int_equal(r.rows[0].stubbable, 1);
	assert_int_equal(r.rows[0].fakeable, 1);
	assert_int_equal(r.rows[0].static_bin, 5);
	assert_int_equal(r.rows[3].static_src, -1);
	assert_true(row_avoidable_pct(&r.rows[1]) > 74.9 && row_avoidable_pct(&r.rows[1]) < 75.1);
	assert_int_equal(r.rows[1].stubbable, 3); /* "both" counts as stubbable */
	assert_int_equal(r.rows[1].both, 1);
	report_free(&r);
}

static void totals_over_the_article_apps(void **state)
{
	struct report_totals t;
	struct report r;

	(void)state;
	report_load(&r, files, 4);
	report_totals(&r, true, &t);
	assert_int_equal(t.suites, 2);
	assert_int_equal(t.benches, 1);
	assert_true(t.avoidable_suite_pct > 49.9 && t.avoidable_suite_pct < 50.1);
	assert_true(t.avoidable_bench_pct > 74.9 && t.avoidable_bench_pct < 75.1);
	assert_int_equal(t.required_suite, 3); /* read write openat */
	assert_int_equal(t.required_bench, 1); /* read */
	assert_int_equal(t.static_src, 4);
	assert_int_equal(t.static_bin, 7);
	report_totals(&r, false, &t);
	assert_int_equal(t.suites, 3);
	assert_int_equal(t.required_suite, 4); /* and close */
	assert_true(t.avoidable_suite_pct > 33.3 && t.avoidable_suite_pct < 33.4);
	report_free(&r);
}

static void svg_bars_follow_the_counts(void **state)
{
	char buf[65536] = "";
	FILE *out = fmemopen(buf, sizeof(buf) - 1, "w");
	struct report r;

	(void)state;
	report_load(&r, files, 4);
	report_svg(&r, out);
	fclose(out);
	/* alpha/suite: 2 required of 4 traced, bars scaled to an axis of 50 */
	assert_non_null(strstr(buf, "<title>traced: required: 2</title>"));
	assert_null(strstr(buf, "<title>binary static (reachable): 7</title>")); /* rows are not united */
	assert_non_null(strstr(buf, "<title>binary static (reachable): 5</title>"));
	assert_non_null(strstr(buf, "<title>traced: stubbable: 3</title>"));
	assert_non_null(strstr(buf, "</svg>"));
	report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_count_classes),
		cmocka_unit_test(totals_over_the_article_apps),
		cmocka_unit_test(svg_bars_follow_the_counts),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
