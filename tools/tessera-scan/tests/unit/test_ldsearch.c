// SPDX-License-Identifier: BSD-3-Clause
/* Library search: ld.so.conf with includes, and $ORIGIN in DT_RUNPATH. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ldsearch.h"

static char dir[] = "/tmp/tessera-scan-ld.XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int make_tree(void **state)
{
	char cmd[512];

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/conf.d %s/lib && cp /bin/true %s/lib/libfake.so.1",
		 dir, dir, dir);
	return system(cmd);
}

static int remove_tree(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void conf_includes_and_comments(void **state)
{
	char main_conf[300], line[300];
	char **dirs = NULL;
	size_t n = 0;

	(void)state;
	snprintf(line, sizeof(line), "# comment\n/first/dir  \ninclude %s/conf.d/*.conf\n", dir);
	write_file("ld.so.conf", line);
	write_file("conf.d/a.conf", "/from/include # trailing comment\n");
	write_file("conf.d/b.txt", "/not/included\n");
	snprintf(main_conf, sizeof(main_conf), "%s/ld.so.conf", dir);
	ldsearch_read_conf(main_conf, &dirs, &n);
	assert_int_equal(n, 2);
	assert_string_equal(dirs[0], "/first/dir");
	assert_string_equal(dirs[1], "/from/include");
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

static void origin_in_runpath(void **state)
{
	char app[300], expected[300];
	struct elf_image img = {.path = app, .runpath = "$ORIGIN/lib"};
	char *found;

	(void)state;
	snprintf(app, sizeof(app), "%s/app", dir);
	snprintf(expected, sizeof(expected), "%s/lib/libfake.so.1", dir);
	found = ldsearch_find("libfake.so.1", &img);
	assert_non_null(found);
	assert_string_equal(found, expected);
	free(found);
	assert_null(ldsearch_find("libnot-there.so.9", &img));
}

static void system_libraries(void **state)
{
	struct elf_image img = {.path = "/bin/true"};
	char *found = ldsearch_find("libc.so.6", &img);

	(void)state;
	assert_non_null(found);
	assert_non_null(strstr(found, "x86_64-linux-gnu/libc.so.6"));
	free(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conf_includes_and_comments),
		cmocka_unit_test(origin_in_runpath),
		cmocka_unit_test(system_libraries),
	};

	return cmocka_run_group_tests_name("ldsearch", tests, make_tree, remove_tree);
}
