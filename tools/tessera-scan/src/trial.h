/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One trial: a workload run once from a fresh scratch directory, with at
 * most one syscall replaced, ending in pass or fail within its timeout.
 */
#ifndef TS_TRIAL_H
#define TS_TRIAL_H

#include <stdbool.h>

#include "recipe.h"
#include "trace.h"

enum trial_outcome {
	TRIAL_PASS,
	TRIAL_FAIL,
	TRIAL_TIMEOUT,
	TRIAL_ERROR, /* the trial could not be set up: says nothing of the syscall */
};

struct trial_task {
	int nr; /* syscall replaced, -1 for none */
	enum inject_mode mode;
	bool count_all; /* a baseline trial that records every syscall */
	int rep;
};

struct trial_result {
	enum trial_outcome outcome;
	char why[96];
	struct trace_result trace;
};

struct trial_env {
	const char *scratch_base;
	bool isolate; /* own network namespace */
	bool keep;    /* leave the scratch directory for inspection */
};

/* Runs in a process of its own: it may change namespace and directory. */
void trial_run(const struct workload *w, const struct trial_task *task, const struct trial_env *env,
	       struct trial_result *out);
const char *trial_outcome_name(enum trial_outcome outcome);
int trial_outcome_parse(const char *name);

#endif
