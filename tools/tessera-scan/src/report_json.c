// SPDX-License-Identifier: BSD-3-Clause
#include "report.h"
#include "result_doc.h"

static json_t *totals_json(const struct report *r, bool article_only)
{
	struct report_totals t;

	report_totals(r, article_only, &t);
	return json_pack("{s:i, s:i, s:f, s:f, s:i, s:i, s:i, s:i}", "suites", t.suites, "benches",
			 t.benches, "avoidable_suite_pct", t.avoidable_suite_pct,
			 "avoidable_bench_pct", t.avoidable_bench_pct, "required_suite",
			 t.required_suite, "required_bench", t.required_bench, "static_source",
			 t.static_src, "static_binary", t.static_bin);
}

static json_t *row_json(const struct report_row *row)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:f, s:o}",
			 "app", row->app, "workload", row->workload, "kind", row->kind,
			 "in_article", row->in_article, "baseline_ok", row->baseline_ok, "traced",
			 row->traced, "required", row->required, "stubbable", row->stubbable,
			 "both", row->both, "fakeable", row->fakeable, "static_binary",
			 row->static_bin, "static_source", row->static_src, "avoidable_pct",
			 row_avoidable_pct(row), "required_syscalls",
			 sysset_to_json(&row->required_set));
}

void report_json(const struct report *r, FILE *out)
{
	json_t *rows = json_array();
	json_t *doc;

	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(rows, row_json(&r->rows[i]));
	doc = json_pack("{s:o, s:o, s:o}", "rows", rows, "totals_article_apps",
			totals_json(r, true), "totals_all_apps", totals_json(r, false));
	json_dumpf(doc, out, JSON_INDENT(1) | JSON_SORT_KEYS);
	fputc('\n', out);
	json_decref(doc);
}
