/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs trials in parallel worker processes. The caller hands out tasks
 * through next() and receives each outcome through done(); next() may
 * hold tasks back until earlier outcomes are known.
 */
#ifndef TS_JOBS_H
#define TS_JOBS_H

#include "trial.h"

struct jobs_spec {
	const struct workload *workload;
	const struct trial_env *env;
	int jobs;
	bool (*next)(void *ctx, struct trial_task *task);
	void (*done)(void *ctx, const struct trial_task *task, const struct trial_result *res);
	void *ctx;
};

void jobs_run(const struct jobs_spec *spec);

#endif
