// SPDX-License-Identifier: BSD-3-Clause
/* The trial cache: what is stored comes back, errors are not kept, edits start over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cache.h"
#include "syscall_name.h"

static char root[] = "/tmp/tessera-scan-cache.XXXXXX";
static struct recipe recipe = {.name = "demo"};
static struct workload workload = {.recipe = &recipe, .name = "bench"};

static int setup(void **state)
{
	(void)state;
	workload.json = json_pack("{s:s}", "app", "true");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	json_decref(workload.json);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd);
}

static void stored_results_come_back(void **state)
{
	struct trial_task task = {.nr = syscall_number("prlimit64"), .mode = INJECT_FAKE, .rep = 1};
	struct trial_result in = {.outcome = TRIAL_FAIL, .why = "app exited 134"}, out;
	struct trial_cache c;

	(void)state;
	in.trace.injected = 2;
	in.trace.counts[syscall_number("openat")] = 7;
	in.trace.npaths = 1;
	strcpy(in.trace.paths[0], "/proc/self/maps");
	assert_int_equal(cache_open(&c, root, &workload), 0);
	assert_false(cache_load(&c, &task, &out));
	cache_store(&c, &task, &in);
	assert_true(cache_load(&c, &task, &out));
	assert_int_equal(out.outcome, TRIAL_FAIL);
	assert_string_equal(out.why, "app exited 134");
	assert_int_equal(out.trace.injected, 2);
	assert_int_equal(out.trace.counts[syscall_number("openat")], 7);
	assert_string_equal(out.trace.paths[0], "/proc/self/maps");
	cache_close(&c);
}

static void errors_are_not_kept(void **state)
{
	struct trial_task task = {.nr = 0, .mode = INJECT_STUB};
	struct trial_result in = {.outcome = TRIAL_ERROR}, out;
	struct trial_cache c;

	(void)state;
	assert_int_equal(cache_open(&c, root, &workload), 0);
	cache_store(&c, &task, &in);
	assert_false(cache_load(&c, &task, &out));
	cache_close(&c);
}

static void failed_baselines_are_not_kept(void **state)
{
	struct trial_task task = { .nr = -1, .count_all = true };
	struct trial_result in = { .outcome = TRIAL_FAIL }, out;
	struct trial_cache c;

	(void)state;
	assert_int_equal(cache_open(&c, root, &workload), 0);
	cache_store(&c, &task, &in);
	assert_false(cache_load(&c, &task, &out));
	in.outcome = TRIAL_PASS;
	cache_store(&c, &task, &in);
	assert_true(cache_load(&c, &task, &out));
	cache_close(&c);
}

static void an_edited_workload_starts_over(void **state)
{
	struct trial_task task = {.nr = syscall_number("prlimit64"), .mode = INJECT_FAKE, .rep = 1};
	struct trial_result out;
	struct trial_cache c;

	(void)state;
	json_object_set_new(workload.json, "app", json_string("false"));
	assert_int_equal(cache_open(&c, root, &workload), 0);
	assert_false(cache_load(&c, &task, &out));
	cache_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stored_results_come_back),
		cmocka_unit_test(errors_are_not_kept),
		cmocka_unit_test(failed_baselines_are_not_kept),
		cmocka_unit_test(an_edited_workload_starts_over),
	};

	return cmocka_run_group_tests_name("cache", tests, setup, teardown);
}
