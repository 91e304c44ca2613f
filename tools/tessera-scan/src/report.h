/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The numbers every report shows, computed once from result documents:
 * one row per studied workload, and the cross-app totals that the
 * Unikraft article reports (averages, unions over apps).
 */
#ifndef TS_REPORT_H
#define TS_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "sysset.h"

struct report_row {
	json_t *doc;
	const char *app, *workload, *kind;
	bool in_article, baseline_ok;
	int traced, stubbable, fakeable, required; /* stubbable includes "both" */
	int both;				   /* stubbable and fakeable */
	int static_bin, static_src; /* -1 when not measured; binary: code reachable from main */
	int static_bin_all;	    /* binary: every syscall site of every object */
	struct sysset traced_set, avoidable_set, required_set, bin_set, src_set;
};

struct report {
	struct report_row *rows;
	size_t n;
};

struct report_totals {
	int suites, benches;	    /* rows counted */
	double avoidable_suite_pct; /* mean share of traced syscalls stubbable or fakeable */
	double avoidable_bench_pct;
	int required_suite, required_bench; /* union of required syscalls over apps */
	int static_src, static_bin;	    /* union over apps */
	struct sysset required;		    /* by at least one app, under either kind */
};

/* Loads result files; exits with a one-line message on a bad one. */
void report_load(struct report *r, char *const *paths, int n);
void report_free(struct report *r);
void report_totals(const struct report *r, bool article_only, struct report_totals *t);
double row_avoidable_pct(const struct report_row *row);

void report_md(const struct report *r, FILE *out);
void report_csv(const struct report *r, FILE *out);
void report_json(const struct report *r, FILE *out);
void report_svg(const struct report *r, FILE *out);

#endif
