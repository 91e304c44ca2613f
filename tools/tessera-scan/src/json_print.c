// SPDX-License-Identifier: BSD-3-Clause
#include <stdio.h>
#include <string.h>

#include "json_print.h"

void print_json(json_t *doc)
{
	json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
}

void print_name_list(json_t *names)
{
	size_t i, col = 0;
	json_t *name;

	json_array_foreach(names, i, name) {
		const char *s = json_string_value(name);

		if (col && col + strlen(s) + 1 > 100) {
			putchar('\n');
			col = 0;
		}
		col += printf("%s%s", col ? " " : "", s);
	}
	if (col)
		putchar('\n');
}
