// SPDX-License-Identifier: BSD-3-Clause
/* Source-level analysis of tests/fixtures/app-mini through the musl-mini table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "musl_table.h"
#include "result_doc.h"
#include "static_src.h"
#include "syscall_name.h"

static char table_path[] = "/tmp/tessera-scan-table.XXXXXX";

static int write_table(void **state)
{
	char err[256];
	json_t *doc = musl_table_build(FIXTURE_DIR "/musl-mini", err, sizeof(err));
	int fd = mkstemp(table_path);

	(void)state;
	if (!doc || fd < 0 || json_dumpfd(doc, fd, 0) < 0)
		return -1;
	close(fd);
	json_decref(doc);
	return 0;
}

static int remove_table(void **state)
{
	(void)state;
	unlink(table_path);
	return 0;
}

static struct sysset analyse(const struct src_scope *scope)
{
	json_t *doc = static_src_json(FIXTURE_DIR "/app-mini", scope, table_path);
	struct sysset set = {0};

	assert_int_equal(sysset_from_json(json_object_get(doc, "syscalls"), &set), 0);
	assert_int_equal(json_integer_value(json_object_get(doc, "count")), sysset_count(&set));
	json_decref(doc);
	return set;
}

static void libc_calls_references_and_direct_numbers(void **state)
{
	struct sysset set = analyse(NULL);

	(void)state;
	assert_true(sysset_has(&set, syscall_number("getpid"))); /* call in a static helper */
	assert_true(sysset_has(&set, syscall_number("write")));	 /* puts() */
	assert_true(sysset_has(&set, syscall_number("socket"))); /* taken as a value */
	assert_true(sysset_has(&set, syscall_number("gettid"))); /* SYS_gettid */
	assert_int_equal(sysset_count(&set), 4);
}

static void own_definitions_hide_libc(void **state)
{
	struct sysset set = analyse(NULL);

	(void)state;
	assert_false(sysset_has(&set, syscall_number("read")));	 /* the app defines read() */
	assert_false(sysset_has(&set, syscall_number("vfork"))); /* only in a string, a member */
}

static void excluded_files_are_not_read(void **state)
{
	const char *exclude[] = {"main.c", NULL};
	struct src_scope scope = {NULL, exclude};
	struct sysset set = analyse(&scope);

	(void)state;
	assert_int_equal(sysset_count(&set), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(libc_calls_references_and_direct_numbers),
		cmocka_unit_test(own_definitions_hide_libc),
		cmocka_unit_test(excluded_files_are_not_read),
	};

	return cmocka_run_group_tests_name("static_src", tests, write_table, remove_table);
}
