// SPDX-License-Identifier: BSD-3-Clause
/*
 * The libc table built from tests/fixtures/musl-mini, a miniature musl
 * tree whose answers are known, and sanity checks of the committed table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "musl_table.h"

static json_t *functions;

static int build(void **state)
{
	char err[256];
	json_t *doc = musl_table_build(FIXTURE_DIR "/musl-mini", err, sizeof(err));

	(void)state;
	if (!doc)
		return -1;
	functions = json_incref(json_object_get(doc, "functions"));
	json_decref(doc);
	return 0;
}

static int release(void **state)
{
	(void)state;
	json_decref(functions);
	return 0;
}

/* The syscalls of one function as "a b c", in table order. */
static const char *syscalls_of(json_t *table, const char *name)
{
	static char out[512];
	json_t *list = json_object_get(table, name), *s;
	size_t i;

	out[0] = '\0';
	if (!list)
		return "(absent)";
	json_array_foreach(list, i, s) {
		strcat(out, i ? " " : "");
		strcat(out, json_string_value(s));
	}
	return out;
}

static void direct_syscalls(void **state)
{
	(void)state;
	assert_string_equal(syscalls_of(functions, "getpid"), "getpid");
	assert_string_equal(syscalls_of(functions, "read"), "read");
}

static void calls_are_followed(void **state)
{
	(void)state;
	assert_string_equal(syscalls_of(functions, "puts"), "write");
}

static void static_functions_shadow_and_stay_out(void **state)
{
	(void)state;
	assert_string_equal(syscalls_of(functions, "uses_local"), "(absent)");
	assert_string_equal(syscalls_of(functions, "out"), "(absent)");
}

static void socketcall_macro_and_alias(void **state)
{
	(void)state;
	assert_string_equal(syscalls_of(functions, "socket"), "socket");
	assert_string_equal(syscalls_of(functions, "quick_exit_alias"), "exit_group");
}

static void x86_64_assembly_replaces_generic_c(void **state)
{
	(void)state;
	assert_string_equal(syscalls_of(functions, "vfork"), "vfork");
	assert_string_equal(syscalls_of(functions, "__clone"), "(absent)");
}

static void ifdef_on_syscall_numbers(void **state)
{
	(void)state;
	assert_string_equal(syscalls_of(functions, "pipe"), "pipe");
	assert_string_equal(syscalls_of(functions, "dup2"), "dup2");
}

static void committed_table_is_musl_derived(void **state)
{
	json_t *doc = json_load_file(DATA_DIR "/musl-syscalls.json", 0, NULL);
	json_t *table = json_object_get(doc, "functions");

	(void)state;
	assert_non_null(table);
	assert_string_equal(json_string_value(json_object_get(doc, "generator")),
			    "tessera-scan musl-table");
	assert_string_equal(syscalls_of(table, "getpid"), "getpid");
	assert_non_null(strstr(syscalls_of(table, "accept4"), "accept4"));
	assert_non_null(strstr(syscalls_of(table, "printf"), "writev"));
	assert_true(json_object_size(table) > 500);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(direct_syscalls),
		cmocka_unit_test(calls_are_followed),
		cmocka_unit_test(static_functions_shadow_and_stay_out),
		cmocka_unit_test(socketcall_macro_and_alias),
		cmocka_unit_test(x86_64_assembly_replaces_generic_c),
		cmocka_unit_test(ifdef_on_syscall_numbers),
		cmocka_unit_test(committed_table_is_musl_derived),
	};

	return cmocka_run_group_tests_name("musl_table", tests, build, release);
}
