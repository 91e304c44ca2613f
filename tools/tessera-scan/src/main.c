// SPDX-License-Identifier: BSD-3-Clause
/*
 * tessera-scan: measures which Linux syscalls an application needs, by
 * tracing it under workloads with syscalls stubbed or faked, and by
 * static analysis of its binary and of its Debian source package.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "fail.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{"run", cmd_run, "run [options] APP[:WORKLOAD]...|all | -- CMD ARGS...   stub/fake study"},
	{"trace", cmd_trace, "trace [--scope EXE]... [--timeout S] COMMAND   count syscalls"},
	{"static", cmd_static,
	 "static [--format text|json] [--no-libs] ELF   binary static analysis"},
	{"source", cmd_source,
	 "source [--format text|json] [--table FILE] [--dir D] [--exclude P] DIR"},
	{"musl-table", cmd_musl_table,
	 "musl-table MUSL_SRC_DIR   derive libc function -> syscalls"},
	{"report", cmd_report, "report [--format md|csv|json|svg] RESULT.json|DIR...   reports"},
	{"gap", cmd_gap, "gap [--format text|json] [--table FILE] RESULT.json|DIR...   vs Tessera"},
	{"list", cmd_list, "list   the app recipes"},
};

static int usage(void)
{
	puts("usage: tessera-scan COMMAND [ARGS]");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %s\n", commands[i].usage);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die(EXIT_BAD_INPUT, "give a command (try --help)");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage();
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	die(EXIT_BAD_INPUT, "unknown command '%s' (try --help)", argv[1]);
}
