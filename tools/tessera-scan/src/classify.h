/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Finds which traced syscalls a workload can live without. Baseline runs
 * record every syscall; then each one is replaced, in trials of its own,
 * by an ENOSYS stub and, separately, by a faked success (with "quick",
 * only when the stub fails). A mode holds only if all its repeats pass,
 * which keeps flaky luck out of the answer.
 */
#ifndef TS_CLASSIFY_H
#define TS_CLASSIFY_H

#include <stdint.h>

#include "trial.h"

enum verdict {
	VERDICT_UNTRIED,
	VERDICT_PASS,
	VERDICT_FAIL,
};

enum syscall_class {
	CLASS_STUBBABLE, /* works with -ENOSYS, not with a faked 0 (or that was not tried) */
	CLASS_FAKEABLE,	 /* works with a faked 0, not with -ENOSYS */
	CLASS_BOTH,	 /* works either way */
	CLASS_REQUIRED,
};

#define CLASS_COUNT 4

struct mode_study {
	enum verdict verdict;
	int runs;
	uint64_t hits; /* times the replacement actually happened */
	char why[128]; /* reason of the failing run */
};

struct syscall_study {
	int nr;
	uint64_t calls; /* summed over the baseline runs */
	struct mode_study stub, fake;
};

struct classify_opts {
	int repeat;
	int jobs;
	bool both_modes; /* also fake the syscalls that stub fine (the default) */
	bool quiet;
	bool trace_only;	/* stop after the baseline runs */
	const char *cache_root; /* NULL: no cache */
	struct trial_env env;
};

struct classification {
	bool baseline_ok;
	char baseline_why[128];
	struct sysset traced;
	struct trace_result baseline;  /* union of the baseline runs' paths */
	struct syscall_study *studies; /* one per traced syscall, by number */
	int nstudies;
};

int classify_workload(const struct workload *w, const struct classify_opts *opts,
		      struct classification *out);
void classification_free(struct classification *c);
enum syscall_class syscall_class_of(const struct syscall_study *s);
const char *syscall_class_name(enum syscall_class c);
const char *verdict_name(enum verdict v);

#endif
