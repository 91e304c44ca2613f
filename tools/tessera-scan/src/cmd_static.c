// SPDX-License-Identifier: BSD-3-Clause
/* "static": binary static analysis of one executable and its libraries. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "commands.h"
#include "fail.h"
#include "json_print.h"
#include "static_bin.h"

static void print_text(json_t *doc)
{
	json_t *obj;
	size_t i;

	json_array_foreach(json_object_get(doc, "objects"), i, obj) {
		printf("%-56s %4lld syscalls, %4lld sites (%lld unresolved), %lld syscall() calls "
		       "(%lld unresolved)\n",
		       json_string_value(json_object_get(obj, "path")),
		       json_integer_value(json_object_get(obj, "count")),
		       json_integer_value(json_object_get(obj, "sites")),
		       json_integer_value(json_object_get(obj, "unresolved_sites")),
		       json_integer_value(json_object_get(obj, "wrapper_calls")),
		       json_integer_value(json_object_get(obj, "unresolved_wrapper_calls")));
	}
	json_array_foreach(json_object_get(doc, "missing_libraries"), i, obj)
		printf("missing library: %s\n", json_string_value(obj));
	printf("union: %lld syscalls, %lld unresolved sites\n",
	       json_integer_value(json_object_get(doc, "count")),
	       json_integer_value(json_object_get(doc, "unresolved")));
	print_name_list(json_object_get(doc, "syscalls"));
}

int cmd_static(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {"no-libs", no_argument, NULL, 'n'},
					     {NULL, 0, NULL, 0}};
	bool as_json = false, with_libs = true;
	json_t *doc;
	int c;

	while ((c = getopt_long(argc, argv, "f:n", opts, NULL)) != -1) {
		if (c == 'f')
			as_json = arg_choice(optarg, "--format", formats) == 1;
		else if (c == 'n')
			with_libs = false;
		else
			exit(EXIT_BAD_INPUT);
	}
	if (optind != argc - 1)
		die(EXIT_BAD_INPUT, "static: give exactly one ELF file");
	doc = static_bin_json(argv[optind], with_libs);
	if (as_json)
		print_json(doc);
	else
		print_text(doc);
	json_decref(doc);
	return 0;
}
