// SPDX-License-Identifier: BSD-3-Clause
/* "musl-table": writes the libc function -> syscalls table as JSON. */
#include <stdio.h>

#include "commands.h"
#include "fail.h"
#include "json_print.h"
#include "musl_table.h"

int cmd_musl_table(int argc, char **argv)
{
	char err[512];
	json_t *doc;

	if (argc != 2)
		die(EXIT_BAD_INPUT, "musl-table: give the musl source directory");
	doc = musl_table_build(argv[1], err, sizeof(err));
	if (!doc)
		die(EXIT_BAD_INPUT, "%s", err);
	print_json(doc);
	json_decref(doc);
	return 0;
}
