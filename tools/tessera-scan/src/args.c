// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "fail.h"

int arg_int(const char *value, const char *option, int min, int max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < min || v > max)
		die(EXIT_BAD_INPUT, "%s wants a whole number from %d to %d, not '%s'", option, min,
		    max, value);
	return (int)v;
}

int arg_choice(const char *value, const char *option, const char *const *choices)
{
	char list[256] = "";

	for (int i = 0; choices[i]; i++) {
		if (!strcmp(value, choices[i]))
			return i;
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
			 choices[i]);
	}
	die(EXIT_BAD_INPUT, "%s wants one of %s, not '%s'", option, list, value);
}
