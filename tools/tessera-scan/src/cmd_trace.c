// SPDX-License-Identifier: BSD-3-Clause
/* "trace": one traced run of a shell command, with its syscall counts. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "fail.h"
#include "isolate.h"
#include "jobs.h"
#include "syscall_name.h"

#define MAX_SCOPE 16

struct single_trial {
	bool started;
	struct trial_result result;
};

static bool next_once(void *ctx, struct trial_task *t)
{
	struct single_trial *s = ctx;

	if (s->started)
		return false;
	s->started = true;
	*t = (struct trial_task){.nr = -1, .count_all = true};
	return true;
}

static void keep_result(void *ctx, const struct trial_task *t, const struct trial_result *r)
{
	struct single_trial *s = ctx;

	(void)t;
	s->result = *r;
}

static void print_counts(const struct trace_result *t)
{
	uint64_t total = 0;
	int distinct = 0;

	for (int nr = 0; nr < SYSCALL_MAX; nr++) {
		if (!t->counts[nr])
			continue;
		printf("%-24s %10llu\n", syscall_name(nr), (unsigned long long)t->counts[nr]);
		total += t->counts[nr];
		distinct++;
	}
	printf("%d distinct syscalls, %llu calls\n", distinct, (unsigned long long)total);
	for (int i = 0; i < t->npaths; i++)
		printf("special path: %s\n", t->paths[i]);
}

int cmd_trace(int argc, char **argv)
{
	static const struct option opts[] = {{"scope", required_argument, NULL, 's'},
					     {"timeout", required_argument, NULL, 't'},
					     {NULL, 0, NULL, 0}};
	const char *scope[MAX_SCOPE + 1] = {NULL};
	struct recipe r = {.name = "trace"};
	struct workload w = {.recipe = &r, .name = "command", .timeout_s = 60};
	struct single_trial s = {0};
	struct trial_env env = {0};
	int c, nscope = 0;

	while ((c = getopt_long(argc, argv, "+s:t:", opts, NULL)) != -1) {
		if (c == 's' && nscope < MAX_SCOPE)
			scope[nscope++] = optarg;
		else if (c == 't')
			w.timeout_s = arg_int(optarg, "--timeout", 1, 86400);
		else
			die(EXIT_BAD_INPUT, "trace: bad option (or more than %d --scope)",
			    MAX_SCOPE);
	}
	if (optind != argc - 1)
		die(EXIT_BAD_INPUT, "trace: give the command as one quoted argument");
	w.app = argv[optind];
	w.scope = nscope ? scope : NULL;
	env.scratch_base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	jobs_run(&(struct jobs_spec){.workload = &w,
				     .env = &env,
				     .jobs = 1,
				     .next = next_once,
				     .done = keep_result,
				     .ctx = &s});
	print_counts(&s.result.trace);
	if (s.result.outcome != TRIAL_PASS)
		die(1, "%s: %s", trial_outcome_name(s.result.outcome), s.result.why);
	return 0;
}
