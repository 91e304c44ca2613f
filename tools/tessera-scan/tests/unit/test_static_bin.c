// SPDX-License-Identifier: BSD-3-Clause
/*
 * Binary static analysis on targets with known syscall sites, and the
 * loader's view of a real Debian executable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "result_doc.h"
#include "static_bin.h"
#include "syscall_name.h"

static json_t *scan(const char *path, bool with_libs, struct sysset *set)
{
	json_t *doc = static_bin_json(path, with_libs);

	memset(set, 0, sizeof(*set));
	assert_int_equal(sysset_from_json(json_object_get(doc, "syscalls"), set), 0);
	return doc;
}

static long long field(json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

static void raw_sites_resolve_inside_their_block(void **state)
{
	struct sysset set;
	json_t *doc = scan(TARGET_DIR "/asm_sites", false, &set);
	json_t *obj = json_array_get(json_object_get(doc, "objects"), 0);

	(void)state;
	assert_int_equal(sysset_count(&set), 3);
	assert_true(sysset_has(&set, syscall_number("getpid")));
	assert_true(sysset_has(&set, syscall_number("getuid")));
	assert_true(sysset_has(&set, syscall_number("exit")));
	assert_int_equal(field(obj, "sites"), 5);
	assert_int_equal(field(obj, "unresolved_sites"), 2);
	assert_int_equal(json_array_size(json_object_get(obj, "unresolved_at")), 2);
	json_decref(doc);
}

static void check_wrapper_calls(const char *path)
{
	struct sysset set;
	json_t *doc = scan(path, false, &set);
	json_t *obj = json_array_get(json_object_get(doc, "objects"), 0);

	assert_int_equal(sysset_count(&set), 2);
	assert_true(sysset_has(&set, syscall_number("gettid")));
	assert_true(sysset_has(&set, syscall_number("getppid")));
	assert_int_equal(field(obj, "wrapper_calls"), 3);
	assert_int_equal(field(obj, "unresolved_wrapper_calls"), 1);
	json_decref(doc);
}

static void syscall_wrapper_through_the_plt(void **state)
{
	(void)state;
	check_wrapper_calls(TARGET_DIR "/wrapper_calls");
}

static void syscall_wrapper_through_the_got(void **state)
{
	(void)state;
	check_wrapper_calls(TARGET_DIR "/wrapper_calls_noplt");
}

/* /bin/true makes no syscall itself; libc and the loader bring them. */
static void libraries_are_found_like_the_loader(void **state)
{
	struct sysset set;
	json_t *doc = scan("/bin/true", true, &set), *obj;
	bool libc = false, loader = false;
	size_t i;

	(void)state;
	json_array_foreach(json_object_get(doc, "objects"), i, obj) {
		const char *path = json_string_value(json_object_get(obj, "path"));

		libc |= strstr(path, "/libc.so.6") != NULL && field(obj, "count") > 100;
		loader |= strstr(path, "/ld-linux-x86-64.so.2") != NULL && field(obj, "count") > 10;
	}
	assert_true(libc);
	assert_true(loader);
	assert_int_equal(json_array_size(json_object_get(doc, "objects")), 3);
	assert_true(sysset_has(&set, syscall_number("openat")));
	json_decref(doc);
}

/* main() is reached from _start through the address it hands to libc. */
static void reachable_code_includes_main(void **state)
{
	struct sysset set, reach = {0};
	json_t *doc = scan(TARGET_DIR "/wrapper_calls", true, &set);
	json_t *reachable = json_object_get(doc, "reachable");

	(void)state;
	assert_int_equal(sysset_from_json(json_object_get(reachable, "syscalls"), &reach), 0);
	assert_true(sysset_has(&reach, syscall_number("gettid")));
	assert_true(sysset_has(&reach, syscall_number("getppid")));
	assert_false(sysset_has(&reach, syscall_number("reboot"))); /* in libc, never called */
	assert_true(sysset_has(&set, syscall_number("reboot")));
	assert_true(sysset_count(&reach) < sysset_count(&set));
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(raw_sites_resolve_inside_their_block),
		cmocka_unit_test(syscall_wrapper_through_the_plt),
		cmocka_unit_test(syscall_wrapper_through_the_got),
		cmocka_unit_test(libraries_are_found_like_the_loader),
		cmocka_unit_test(reachable_code_includes_main),
	};

	return cmocka_run_group_tests_name("static_bin", tests, NULL, NULL);
}
