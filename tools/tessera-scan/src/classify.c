// SPDX-License-Identifier: BSD-3-Clause
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "classify.h"
#include "fail.h"
#include "jobs.h"
#include "progress.h"

struct study_state {
	bool in_flight;
	bool done;
};

struct classifier {
	const struct workload *w;
	const struct classify_opts *opts;
	struct classification *out;
	struct trial_cache cache;
	struct progress progress;
	/* baseline phase */
	int baseline_started, baseline_done;
	/* injection phase, parallel to out->studies */
	struct study_state *states;
};

static struct mode_study *mode_of(struct syscall_study *s, enum inject_mode mode)
{
	return mode == INJECT_STUB ? &s->stub : &s->fake;
}

static void record_baseline(struct classifier *c, const struct trial_result *r)
{
	struct classification *out = c->out;

	c->baseline_done++;
	if (r->outcome != TRIAL_PASS && out->baseline_ok) {
		out->baseline_ok = false;
		snprintf(out->baseline_why, sizeof(out->baseline_why), "%s: %s",
			 trial_outcome_name(r->outcome), r->why);
	}
	for (int nr = 0; nr < SYSCALL_MAX; nr++) {
		if (r->trace.counts[nr])
			sysset_add(&out->traced, nr);
		out->baseline.counts[nr] += r->trace.counts[nr];
	}
	for (int i = 0; i < r->trace.npaths; i++)
		trace_add_path(&out->baseline, r->trace.paths[i]);
}

static int study_index(const struct classification *out, int nr)
{
	for (int i = 0; i < out->nstudies; i++)
		if (out->studies[i].nr == nr)
			return i;
	abort();
}

/* Moves a syscall's study one trial on; marks it done when it is decided. */
static void record_injection(struct classifier *c, const struct trial_task *t,
			     const struct trial_result *r)
{
	int i = study_index(c->out, t->nr);
	struct study_state *st = &c->states[i];
	struct mode_study *m = mode_of(&c->out->studies[i], t->mode);

	st->in_flight = false;
	m->runs++;
	m->hits += r->trace.injected;
	if (r->outcome != TRIAL_PASS) {
		m->verdict = VERDICT_FAIL;
		snprintf(m->why, sizeof(m->why), "%s: %s", trial_outcome_name(r->outcome), r->why);
		st->done = t->mode == INJECT_FAKE;
	} else if (m->runs == c->opts->repeat) {
		m->verdict = VERDICT_PASS;
		st->done = t->mode == INJECT_FAKE || !c->opts->both_modes;
	}
}

static void record(struct classifier *c, const struct trial_task *t, const struct trial_result *r,
		   bool cached)
{
	if (!cached)
		cache_store(&c->cache, t, r);
	progress_trial(&c->progress, t, r, cached);
	if (t->count_all)
		record_baseline(c, r);
	else
		record_injection(c, t, r);
}

static void on_done(void *ctx, const struct trial_task *t, const struct trial_result *r)
{
	record(ctx, t, r, false);
}

/* Applies a stored outcome at once; false when the trial has to run. */
static bool take_cached(struct classifier *c, const struct trial_task *t)
{
	struct trial_result cached;

	if (!cache_load(&c->cache, t, &cached))
		return false;
	record(c, t, &cached, true);
	return true;
}

static bool baseline_next(struct classifier *c, struct trial_task *t)
{
	while (c->baseline_started < c->opts->repeat) {
		*t = (struct trial_task){.nr = -1, .count_all = true, .rep = c->baseline_started++};
		if (!take_cached(c, t))
			return true;
	}
	return false;
}

/* Stub trials come first; fake trials follow a stub failure (or --both). */
static bool injection_next(struct classifier *c, struct trial_task *t)
{
	for (int i = 0; i < c->out->nstudies; i++) {
		struct syscall_study *s = &c->out->studies[i];

		while (!c->states[i].in_flight && !c->states[i].done) {
			enum inject_mode mode =
				s->stub.verdict == VERDICT_UNTRIED ? INJECT_STUB : INJECT_FAKE;

			*t = (struct trial_task){
				.nr = s->nr, .mode = mode, .rep = mode_of(s, mode)->runs};
			c->states[i].in_flight = true;
			if (!take_cached(c, t))
				return true;
		}
	}
	return false;
}

static bool next_task(void *ctx, struct trial_task *t)
{
	struct classifier *c = ctx;

	if (baseline_next(c, t))
		return true;
	if (c->baseline_done < c->opts->repeat || !c->out->baseline_ok)
		return false;
	return injection_next(c, t);
}

static void prepare_studies(struct classifier *c)
{
	struct classification *out = c->out;
	int n = sysset_count(&out->traced);

	out->studies = calloc(n ? n : 1, sizeof(*out->studies));
	c->states = calloc(n ? n : 1, sizeof(*c->states));
	if (!out->studies || !c->states)
		abort();
	for (int nr = 0; nr < SYSCALL_MAX; nr++) {
		if (!sysset_has(&out->traced, nr))
			continue;
		out->studies[out->nstudies].nr = nr;
		out->studies[out->nstudies++].calls = out->baseline.counts[nr];
	}
	/* each mode runs at most "repeat" times */
	progress_expect(&c->progress, out->nstudies * c->opts->repeat * 2);
}

int classify_workload(const struct workload *w, const struct classify_opts *opts,
		      struct classification *out)
{
	struct classifier c = {.w = w, .opts = opts, .out = out};
	struct jobs_spec spec = {
		.workload = w,
		.env = &opts->env,
		.jobs = opts->jobs,
		.next = next_task,
		.done = on_done,
		.ctx = &c,
	};

	memset(out, 0, sizeof(*out));
	out->baseline_ok = true;
	if (opts->cache_root && cache_open(&c.cache, opts->cache_root, w) < 0)
		die(1, "cannot create the trial cache under %s", opts->cache_root);
	progress_start(&c.progress, w, opts->repeat, opts->quiet);
	jobs_run(&spec);
	if (out->baseline_ok) {
		prepare_studies(&c);
		if (!opts->trace_only)
			jobs_run(&spec);
	}
	progress_end(&c.progress);
	cache_close(&c.cache);
	free(c.states);
	return out->baseline_ok ? 0 : -1;
}

void classification_free(struct classification *c)
{
	free(c->studies);
	memset(c, 0, sizeof(*c));
}

enum syscall_class syscall_class_of(const struct syscall_study *s)
{
	bool stub = s->stub.verdict == VERDICT_PASS, fake = s->fake.verdict == VERDICT_PASS;

	if (stub && fake)
		return CLASS_BOTH;
	if (stub)
		return CLASS_STUBBABLE;
	if (fake)
		return CLASS_FAKEABLE;
	return CLASS_REQUIRED;
}

const char *syscall_class_name(enum syscall_class c)
{
	static const char *const names[CLASS_COUNT] = {"stubbable", "fakeable", "both", "required"};

	return names[c];
}

const char *verdict_name(enum verdict v)
{
	static const char *const names[] = {"untried", "pass", "fail"};

	return names[v];
}
