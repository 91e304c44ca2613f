// SPDX-License-Identifier: BSD-3-Clause
#include <stdio.h>
#include <unistd.h>

#include "clock_ms.h"
#include "progress.h"
#include "syscall_name.h"

#define BAR_WIDTH 30

void progress_start(struct progress *p, const struct workload *w, int baseline_runs, bool quiet)
{
	*p = (struct progress){
		.w = w,
		.expected = baseline_runs,
		.quiet = quiet,
		.bar = !quiet && isatty(STDERR_FILENO),
		.started_ms = now_ms(),
	};
}

void progress_expect(struct progress *p, int most)
{
	p->expected += most;
}

/* Seconds left if the trials still to run take as long as those run so far. */
static long eta_s(const struct progress *p)
{
	int ran = p->done - p->cached;

	if (!ran)
		return -1;
	return (now_ms() - p->started_ms) / ran * (p->expected - p->done) / 1000;
}

static void draw_bar(const struct progress *p)
{
	int filled = p->expected ? BAR_WIDTH * p->done / p->expected : 0;
	long eta = eta_s(p);

	fprintf(stderr, "\r[%s/%s] [%-*.*s] %d/%d trials", p->w->recipe->name, p->w->name,
		BAR_WIDTH, filled, "##############################", p->done, p->expected);
	if (eta >= 0)
		fprintf(stderr, ", at most %ldm%02lds left  ", eta / 60, eta % 60);
	fflush(stderr);
}

static void print_line(const struct progress *p, const struct trial_task *t,
		       const struct trial_result *r, bool cached)
{
	static const char *const modes[] = {"trace", "stub", "fake"};

	fprintf(stderr, "[%s/%s %d/%d] %s %s #%d: %s%s%s%s\n", p->w->recipe->name, p->w->name,
		p->done, p->expected, modes[t->mode], t->nr < 0 ? "all" : syscall_name(t->nr),
		t->rep + 1, trial_outcome_name(r->outcome), r->outcome == TRIAL_PASS ? "" : " - ",
		r->outcome == TRIAL_PASS ? "" : r->why, cached ? " (cached)" : "");
}

void progress_trial(struct progress *p, const struct trial_task *t, const struct trial_result *r,
		    bool cached)
{
	p->done++;
	p->cached += cached;
	if (p->done > p->expected)
		p->expected = p->done;
	if (p->bar)
		draw_bar(p);
	else if (!p->quiet)
		print_line(p, t, r, cached);
}

void progress_end(const struct progress *p)
{
	if (p->bar)
		fputc('\n', stderr);
	if (!p->quiet)
		fprintf(stderr, "[%s/%s] %d trials (%d from the cache) in %.1f s\n",
			p->w->recipe->name, p->w->name, p->done, p->cached,
			(now_ms() - p->started_ms) / 1000.0);
}
