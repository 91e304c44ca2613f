/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trial outcomes are kept on disk, one small JSON file per trial, so an
 * interrupted study resumes where it stopped. The directory name holds a
 * fingerprint of the workload and the binary: editing either starts over.
 */
#ifndef TS_CACHE_H
#define TS_CACHE_H

#include <stdbool.h>

#include "trial.h"

struct trial_cache {
	char *dir; /* NULL when caching is off */
};

int cache_open(struct trial_cache *c, const char *root, const struct workload *w);
void cache_close(struct trial_cache *c);
bool cache_load(const struct trial_cache *c, const struct trial_task *t, struct trial_result *r);
void cache_store(const struct trial_cache *c, const struct trial_task *t,
		 const struct trial_result *r);

#endif
