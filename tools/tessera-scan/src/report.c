// SPDX-License-Identifier: BSD-3-Clause
#include <glob.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "array.h"
#include "fail.h"
#include "paths.h"
#include "report.h"
#include "result_doc.h"
#include "syscall_name.h"

static int static_count(json_t *section, struct sysset *set)
{
	if (!json_is_object(section))
		return -1;
	sysset_from_json(json_object_get(section, "syscalls"), set);
	return sysset_count(set);
}

static void load_traced(struct report_row *row)
{
	json_t *entry;
	size_t i;

	json_array_foreach(json_object_get(row->doc, "traced"), i, entry) {
		int nr = syscall_number(json_string_value(json_object_get(entry, "name")));
		const char *cls = json_string_value(json_object_get(entry, "class"));

		if (nr < 0 || !cls)
			continue;
		sysset_add(&row->traced_set, nr);
		if (!strcmp(cls, "required")) {
			sysset_add(&row->required_set, nr);
			row->required++;
		} else {
			sysset_add(&row->avoidable_set, nr);
			/* "both": ENOSYS works, and so would a faked success */
			row->stubbable += !strcmp(cls, "stubbable") || !strcmp(cls, "both");
			row->both += !strcmp(cls, "both");
			row->fakeable += !strcmp(cls, "fakeable");
		}
	}
	row->traced = sysset_count(&row->traced_set);
}

static bool is_result(json_t *doc)
{
	return json_integer_value(json_object_get(doc, "format")) == RESULT_FORMAT &&
	       json_is_array(json_object_get(doc, "traced"));
}

/* Takes doc; fills the row from it. */
static void load_row(struct report_row *row, json_t *doc, const char *path)
{
	struct sysset all_code = {0};
	json_t *bin;

	memset(row, 0, sizeof(*row));
	row->doc = doc;
	row->app = json_string_value(json_object_get(row->doc, "app"));
	row->workload = json_string_value(json_object_get(row->doc, "workload"));
	row->kind = json_string_value(json_object_get(row->doc, "kind"));
	row->in_article = json_is_true(json_object_get(row->doc, "in_article"));
	row->baseline_ok =
		json_is_true(json_object_get(json_object_get(row->doc, "method"), "baseline_ok"));
	if (!row->app || !row->workload || !row->kind)
		die(EXIT_BAD_INPUT, "%s: app, workload or kind missing", path);
	load_traced(row);
	bin = json_object_get(row->doc, "static_binary");
	row->static_bin_all = static_count(bin, &all_code);
	row->static_bin = static_count(json_object_get(bin, "reachable"), &row->bin_set);
	row->static_src = static_count(json_object_get(row->doc, "static_source"), &row->src_set);
}

/* A file must be a result; in a directory, other JSON files are passed over. */
static void load_path(struct report *r, const char *path, bool from_directory)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);

	if (!doc)
		die(EXIT_BAD_INPUT, "%s: %s", path, jerr.text);
	if (!is_result(doc)) {
		json_decref(doc);
		if (from_directory)
			return;
		die(EXIT_BAD_INPUT, "%s: not a tessera-scan result (format %d)", path,
		    RESULT_FORMAT);
	}
	load_row(ARRAY_PUSH(r->rows, r->n), doc, path);
}

static void load_directory(struct report *r, const char *dir)
{
	char *pattern = path_join(dir, "*.json");
	glob_t g;

	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			load_path(r, g.gl_pathv[i], true);
		globfree(&g);
	}
	free(pattern);
}

void report_load(struct report *r, char *const *paths, int n)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < n; i++) {
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			load_directory(r, paths[i]);
		else
			load_path(r, paths[i], false);
	}
	if (!r->n)
		die(EXIT_BAD_INPUT, "no tessera-scan results in %s", paths[0]);
}

void report_free(struct report *r)
{
	for (size_t i = 0; i < r->n; i++)
		json_decref(r->rows[i].doc);
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

double row_avoidable_pct(const struct report_row *row)
{
	return row->traced ? 100.0 * (row->stubbable + row->fakeable) / row->traced : 0;
}

void report_totals(const struct report *r, bool article_only, struct report_totals *t)
{
	struct sysset req_suite = {0}, req_bench = {0}, src = {0}, bin = {0};
	double suite_sum = 0, bench_sum = 0;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		bool bench = !strcmp(row->kind, "bench");

		if ((article_only && !row->in_article) || !row->baseline_ok)
			continue;
		if (bench) {
			t->benches++;
			bench_sum += row_avoidable_pct(row);
			sysset_unite(&req_bench, &row->required_set);
		} else {
			t->suites++;
			suite_sum += row_avoidable_pct(row);
			sysset_unite(&req_suite, &row->required_set);
		}
		sysset_unite(&src, &row->src_set);
		sysset_unite(&bin, &row->bin_set);
	}
	t->avoidable_suite_pct = t->suites ? suite_sum / t->suites : 0;
	t->avoidable_bench_pct = t->benches ? bench_sum / t->benches : 0;
	t->required = req_suite;
	sysset_unite(&t->required, &req_bench);
	t->required_suite = sysset_count(&req_suite);
	t->required_bench = sysset_count(&req_bench);
	t->static_src = sysset_count(&src);
	t->static_bin = sysset_count(&bin);
}
