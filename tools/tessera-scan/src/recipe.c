// SPDX-License-Identifier: BSD-3-Clause
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recipe.h"

#define DEFAULT_TIMEOUT_S	60
#define DEFAULT_READY_TIMEOUT_S 15

static const char *opt_string(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A JSON array of strings as a NULL-terminated vector; NULL if absent. */
static const char **string_vector(json_t *arr)
{
	size_t i, n = json_array_size(arr);
	const char **v;

	if (!json_is_array(arr))
		return NULL;
	v = calloc(n + 1, sizeof(*v));
	for (i = 0; v && i < n; i++)
		v[i] = json_string_value(json_array_get(arr, i));
	return v;
}

static int load_workload(struct recipe *r, const char *name, json_t *obj, struct workload *w,
			 char *err, size_t errlen)
{
	const char *kind = opt_string(obj, "kind");
	json_t *timeout = json_object_get(obj, "timeout");
	json_t *ready_timeout = json_object_get(obj, "ready_timeout");

	*w = (struct workload){
		.recipe = r,
		.name = name,
		.kind = kind && !strcmp(kind, "bench") ? KIND_BENCH : KIND_SUITE,
		.prepare = opt_string(obj, "prepare"),
		.setup = opt_string(obj, "setup"),
		.app = opt_string(obj, "app"),
		.ready = opt_string(obj, "ready"),
		.client = opt_string(obj, "client"),
		.check = opt_string(obj, "check"),
		.scope = string_vector(json_object_get(obj, "scope")),
		.timeout_s =
			json_is_integer(timeout) ? json_integer_value(timeout) : DEFAULT_TIMEOUT_S,
		.ready_timeout_s = json_is_integer(ready_timeout)
					   ? json_integer_value(ready_timeout)
					   : DEFAULT_READY_TIMEOUT_S,
		.json = obj,
	};
	if (!w->app) {
		snprintf(err, errlen, "workload '%s' has no \"app\" command", name);
		return -1;
	}
	return 0;
}

static int load_workloads(struct recipe *r, char *err, size_t errlen)
{
	json_t *all = json_object_get(r->root, "workloads"), *obj;
	const char *name;

	r->nworkloads = json_object_size(all);
	if (!json_is_object(all) || !r->nworkloads) {
		snprintf(err, errlen, "no \"workloads\" object");
		return -1;
	}
	r->workloads = calloc(r->nworkloads, sizeof(*r->workloads));
	if (!r->workloads)
		abort();
	struct workload *w = r->workloads;
	json_object_foreach(all, name, obj) {
		if (load_workload(r, name, obj, w++, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int recipe_from_json(struct recipe *r, char *err, size_t errlen)
{
	r->name = opt_string(r->root, "name");
	r->description = opt_string(r->root, "description");
	r->binary = opt_string(r->root, "binary");
	r->source_package = opt_string(r->root, "source_package");
	r->source_dirs = string_vector(json_object_get(r->root, "source_dirs"));
	r->source_exclude = string_vector(json_object_get(r->root, "source_exclude"));
	r->in_article = json_is_true(json_object_get(r->root, "in_article"));
	if (!r->name) {
		snprintf(err, errlen, "no \"name\"");
		return -1;
	}
	return load_workloads(r, err, errlen);
}

int recipe_load(const char *path, struct recipe *r, char *err, size_t errlen)
{
	json_error_t jerr;
	char why[200];

	memset(r, 0, sizeof(*r));
	r->root = json_load_file(path, 0, &jerr);
	if (!r->root) {
		snprintf(err, errlen, "%s: %s", path, jerr.text);
		return -1;
	}
	if (recipe_from_json(r, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	return 0;
}

void recipe_free(struct recipe *r)
{
	for (size_t i = 0; i < r->nworkloads; i++)
		free(r->workloads[i].scope);
	free(r->workloads);
	free(r->source_dirs);
	free(r->source_exclude);
	json_decref(r->root);
	memset(r, 0, sizeof(*r));
}

const struct workload *recipe_workload(const struct recipe *r, const char *name)
{
	for (size_t i = 0; i < r->nworkloads; i++)
		if (!strcmp(r->workloads[i].name, name))
			return &r->workloads[i];
	return NULL;
}

const char *workload_kind_name(enum workload_kind kind)
{
	return kind == KIND_BENCH ? "bench" : "suite";
}
