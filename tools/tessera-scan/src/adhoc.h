/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A recipe made on the spot from "run [--workload SH] [--check SH] -- CMD
 * ARGS...": the command is the traced app, counted in its own executable
 * unless --scope says otherwise.
 */
#ifndef TS_ADHOC_H
#define TS_ADHOC_H

#include "recipe.h"

#define ADHOC_MAX_SCOPE 16

struct adhoc_opts {
	const char *workload; /* drives the app; without it the app runs to its end */
	const char *check;    /* judges the trial after the app stopped */
	const char *ready;
	const char *scope[ADHOC_MAX_SCOPE + 1];
	int nscope;
	int timeout_s;
};

/* Fills r with one workload, "command"; free it with recipe_free(). */
void adhoc_recipe(struct recipe *r, char *const *argv, const struct adhoc_opts *o);

#endif
