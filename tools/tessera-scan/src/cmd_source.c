// SPDX-License-Identifier: BSD-3-Clause
/* "source": source-level analysis of a C source tree. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "args.h"
#include "commands.h"
#include "fail.h"
#include "json_print.h"
#include "static_src.h"

#define MAX_PATTERNS 64

static void print_text(json_t *doc)
{
	printf("%lld syscalls from %lld libc functions in %lld files\n",
	       json_integer_value(json_object_get(doc, "count")),
	       json_integer_value(json_object_get(doc, "libc_functions")),
	       json_integer_value(json_object_get(doc, "files")));
	print_name_list(json_object_get(doc, "syscalls"));
}

int cmd_source(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	static const struct option opts[] = {{"table", required_argument, NULL, 't'},
					     {"format", required_argument, NULL, 'f'},
					     {"dir", required_argument, NULL, 'd'},
					     {"exclude", required_argument, NULL, 'x'},
					     {NULL, 0, NULL, 0}};
	const char *dirs[MAX_PATTERNS + 1] = {NULL}, *exclude[MAX_PATTERNS + 1] = {NULL};
	struct src_scope scope = {NULL, exclude};
	const char *table = NULL;
	int c, ndirs = 0, nexclude = 0;
	bool as_json = false;
	struct stat st;
	json_t *doc;

	while ((c = getopt_long(argc, argv, "t:f:d:x:", opts, NULL)) != -1) {
		if (c == 't')
			table = optarg;
		else if (c == 'f')
			as_json = arg_choice(optarg, "--format", formats) == 1;
		else if (c == 'd' && ndirs < MAX_PATTERNS)
			dirs[ndirs++] = optarg;
		else if (c == 'x' && nexclude < MAX_PATTERNS)
			exclude[nexclude++] = optarg;
		else
			die(EXIT_BAD_INPUT, "source: bad option (at most %d --dir and --exclude)",
			    MAX_PATTERNS);
	}
	if (optind != argc - 1)
		die(EXIT_BAD_INPUT, "source: give one source directory");
	if (stat(argv[optind], &st) < 0 || !S_ISDIR(st.st_mode))
		die(EXIT_BAD_INPUT, "%s: not a directory", argv[optind]);
	scope.dirs = ndirs ? dirs : NULL;
	doc = static_src_json(argv[optind], &scope, table);
	if (as_json)
		print_json(doc);
	else
		print_text(doc);
	json_decref(doc);
	return 0;
}
