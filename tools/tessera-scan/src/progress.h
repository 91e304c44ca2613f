/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shows a study is alive: on a terminal a progress bar with the time left,
 * elsewhere (logs, CI) one line per finished trial.
 */
#ifndef TS_PROGRESS_H
#define TS_PROGRESS_H

#include <stdbool.h>

#include "trial.h"

struct progress {
	const struct workload *w;
	int done;
	int cached;
	int expected; /* at most this many trials: a failing mode stops early */
	bool quiet;
	bool bar;
	long started_ms;
};

void progress_start(struct progress *p, const struct workload *w, int baseline_runs, bool quiet);
void progress_expect(struct progress *p, int most);
void progress_trial(struct progress *p, const struct trial_task *t, const struct trial_result *r,
		    bool cached);
void progress_end(const struct progress *p);

#endif
