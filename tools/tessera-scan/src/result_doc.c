// SPDX-License-Identifier: BSD-3-Clause
#include "result_doc.h"
#include "syscall_name.h"

json_t *sysset_to_json(const struct sysset *set)
{
	json_t *names = json_array();

	for (int nr = 0; nr < SYSCALL_MAX; nr++)
		if (sysset_has(set, nr))
			json_array_append_new(names, json_string(syscall_name(nr)));
	return names;
}

int sysset_from_json(json_t *names, struct sysset *set)
{
	json_t *name;
	size_t i;

	if (!json_is_array(names))
		return -1;
	json_array_foreach(names, i, name) {
		int nr = syscall_number(json_string_value(name));
		if (nr < 0)
			return -1;
		sysset_add(set, nr);
	}
	return 0;
}

static json_t *mode_json(const struct mode_study *m)
{
	return json_pack("{s:s, s:i, s:I, s:s}", "verdict", verdict_name(m->verdict), "runs",
			 m->runs, "hits", (json_int_t)m->hits, "why", m->why);
}

/* The details per syscall ("traced"), and the short map other tools read ("syscalls"). */
static void studies_json(const struct classification *c, int per_class[CLASS_COUNT], json_t *list,
			 json_t *map)
{
	for (int i = 0; i < c->nstudies; i++) {
		const struct syscall_study *s = &c->studies[i];
		const char *cls = syscall_class_name(syscall_class_of(s));

		per_class[syscall_class_of(s)]++;
		json_array_append_new(list,
				      json_pack("{s:i, s:s, s:I, s:s, s:o, s:o}", "nr", s->nr,
						"name", syscall_name(s->nr), "calls",
						(json_int_t)s->calls, "class", cls, "stub",
						mode_json(&s->stub), "fake", mode_json(&s->fake)));
		json_object_set_new(
			map, syscall_name(s->nr),
			json_pack("{s:I, s:s}", "count", (json_int_t)s->calls, "class", cls));
	}
}

json_t *trace_paths_json(const struct trace_result *t)
{
	json_t *paths = json_array();

	for (int i = 0; i < t->npaths; i++)
		json_array_append_new(paths, json_string(t->paths[i]));
	return paths;
}

json_t *result_doc_new(const struct workload *w, const struct classify_opts *opts,
		       const struct classification *c)
{
	int per_class[CLASS_COUNT] = {0};
	json_t *studies = json_array(), *map = json_object();

	studies_json(c, per_class, studies, map);
	return json_pack("{s:i, s:s, s:s, s:s, s:b, s:s, s:{s:i, s:b, s:b, s:s}, s:o, s:o, s:o, "
			 "s:{s:i, s:i, s:i, s:i, s:i}}",
			 "format", RESULT_FORMAT, "app", w->recipe->name, "workload", w->name,
			 "kind", workload_kind_name(w->kind), "in_article", w->recipe->in_article,
			 "app_command", w->app, "method", "repeat", opts->repeat, "both_modes",
			 opts->both_modes, "baseline_ok", c->baseline_ok, "baseline_why",
			 c->baseline_why, "syscalls", map, "traced", studies, "special_paths",
			 trace_paths_json(&c->baseline), "summary", "traced", c->nstudies,
			 "stubbable", per_class[CLASS_STUBBABLE], "fakeable",
			 per_class[CLASS_FAKEABLE], "both", per_class[CLASS_BOTH], "required",
			 per_class[CLASS_REQUIRED]);
}
