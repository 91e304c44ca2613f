// SPDX-License-Identifier: BSD-3-Clause
/* "report": md, csv, json or svg from result documents. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fail.h"
#include "report.h"

static const struct {
	const char *name;
	void (*write)(const struct report *r, FILE *out);
} formats[] = {
	{"md", report_md},
	{"csv", report_csv},
	{"json", report_json},
	{"svg", report_svg},
};

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {NULL, 0, NULL, 0}};
	const char *format = "md";
	struct report r;
	int c;

	while ((c = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		if (c != 'f')
			exit(EXIT_BAD_INPUT);
		format = optarg;
	}
	if (optind == argc)
		die(EXIT_BAD_INPUT, "report: give result files (results/*.json)");
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(format, formats[i].name))
			continue;
		report_load(&r, argv + optind, argc - optind);
		formats[i].write(&r, stdout);
		report_free(&r);
		return 0;
	}
	die(EXIT_BAD_INPUT, "report: unknown format '%s' (md, csv, json or svg)", format);
}
