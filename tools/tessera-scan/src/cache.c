// SPDX-License-Identifier: BSD-3-Clause
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "paths.h"
#include "result_doc.h"
#include "syscall_name.h"

/* Bump when the meaning of a stored trial changes. */
#define CACHE_FORMAT 1

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t workload_fingerprint(const struct workload *w)
{
	char *text = json_dumps(w->json, JSON_SORT_KEYS | JSON_COMPACT);
	uint64_t h = 0xcbf29ce484222325ULL;
	int format = CACHE_FORMAT;
	struct stat st;

	h = fnv1a(h, &format, sizeof(format));
	h = fnv1a(h, text, strlen(text));
	free(text);
	if (w->recipe->binary && stat(w->recipe->binary, &st) == 0) {
		h = fnv1a(h, &st.st_size, sizeof(st.st_size));
		h = fnv1a(h, &st.st_mtime, sizeof(st.st_mtime));
	}
	return h;
}

int cache_open(struct trial_cache *c, const char *root, const struct workload *w)
{
	char name[256];

	snprintf(name, sizeof(name), "trials/%s-%s-%016llx", w->recipe->name, w->name,
		 (unsigned long long)workload_fingerprint(w));
	c->dir = path_join(root, name);
	return make_dirs(c->dir);
}

void cache_close(struct trial_cache *c)
{
	free(c->dir);
	c->dir = NULL;
}

static char *trial_file(const struct trial_cache *c, const struct trial_task *t)
{
	static const char *const modes[] = {"none", "stub", "fake"};
	char name[96];

	if (t->count_all)
		snprintf(name, sizeof(name), "baseline.%d.json", t->rep);
	else
		snprintf(name, sizeof(name), "%s.%s.%d.json", syscall_name(t->nr), modes[t->mode],
			 t->rep);
	return path_join(c->dir, name);
}

static json_t *result_to_json(const struct trial_result *r)
{
	json_t *counts = json_object();

	for (int nr = 0; nr < SYSCALL_MAX; nr++)
		if (r->trace.counts[nr])
			json_object_set_new(counts, syscall_name(nr),
					    json_integer(r->trace.counts[nr]));
	return json_pack("{s:s, s:s, s:I, s:o, s:o}", "outcome", trial_outcome_name(r->outcome),
			 "why", r->why, "injected", (json_int_t)r->trace.injected, "counts", counts,
			 "paths", trace_paths_json(&r->trace));
}

static int result_from_json(json_t *doc, struct trial_result *r)
{
	int outcome = trial_outcome_parse(json_string_value(json_object_get(doc, "outcome")));
	json_t *value, *counts = json_object_get(doc, "counts");
	const char *key;
	size_t i;

	if (outcome < 0)
		return -1;
	memset(r, 0, sizeof(*r));
	r->outcome = outcome;
	snprintf(r->why, sizeof(r->why), "%s", json_string_value(json_object_get(doc, "why")));
	r->trace.injected = json_integer_value(json_object_get(doc, "injected"));
	json_object_foreach(counts, key, value) {
		int nr = syscall_number(key);
		if (nr >= 0)
			r->trace.counts[nr] = json_integer_value(value);
	}
	json_array_foreach(json_object_get(doc, "paths"), i, value)
		trace_add_path(&r->trace, json_string_value(value));
	return 0;
}

bool cache_load(const struct trial_cache *c, const struct trial_task *t, struct trial_result *r)
{
	char *path;
	json_t *doc;
	int rc;

	if (!c->dir)
		return false;
	path = trial_file(c, t);
	doc = json_load_file(path, 0, NULL);
	free(path);
	if (!doc)
		return false;
	rc = result_from_json(doc, r);
	json_decref(doc);
	return rc == 0;
}

/* Written to a temporary name and renamed, so a crash never leaves half a file. */
void cache_store(const struct trial_cache *c, const struct trial_task *t,
		 const struct trial_result *r)
{
	char *path, *tmp;
	json_t *doc;

	/*
	 * An error says nothing about the syscall, and a failing baseline is
	 * most often the environment's fault: let a later run retry both.
	 */
	if (!c->dir || r->outcome == TRIAL_ERROR || (t->count_all && r->outcome != TRIAL_PASS))
		return;
	path = trial_file(c, t);
	if (asprintf(&tmp, "%s.tmp", path) < 0)
		abort();
	doc = result_to_json(r);
	if (json_dump_file(doc, tmp, JSON_COMPACT) == 0)
		rename(tmp, path);
	json_decref(doc);
	free(tmp);
	free(path);
}
