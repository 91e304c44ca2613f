// SPDX-License-Identifier: BSD-3-Clause
#include <string.h>

#include "report.h"
#include "syscall_name.h"

/* What the Unikraft article (";login:" 2021, Figure 5) reports for its five apps. */
static const struct report_totals article = {
	.avoidable_suite_pct = 42,
	.avoidable_bench_pct = 60,
	.required_suite = 78,
	.required_bench = 37,
	.static_src = 141,
	.static_bin = 125,
};

static void count_cell(FILE *out, int n)
{
	if (n < 0)
		fputs(" - |", out);
	else
		fprintf(out, " %d |", n);
}

static void rows_table(const struct report *r, FILE *out)
{
	fputs("| app | workload | kind | binary static, all code | binary static, reachable | "
	      "source static | traced | required | stubbable | of which fakeable too | "
	      "fakeable only | stubbable or fakeable |\n"
	      "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n",
	      out);
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];

		fprintf(out, "| %s%s | %s | %s |", row->app, row->in_article ? "" : " (extra)",
			row->workload, row->kind);
		count_cell(out, row->static_bin_all);
		count_cell(out, row->static_bin);
		count_cell(out, row->static_src);
		fprintf(out, " %d | %d | %d | %d | %d | %.0f%%%s |\n", row->traced, row->required,
			row->stubbable, row->both, row->fakeable, row_avoidable_pct(row),
			row->baseline_ok ? "" : " (baseline failed)");
	}
}

static void name_line(FILE *out, const char *label, const struct sysset *set)
{
	fprintf(out, "- %s (%d):", label, sysset_count(set));
	for (int nr = 0; nr < SYSCALL_MAX; nr++)
		if (sysset_has(set, nr))
			fprintf(out, " %s", syscall_name(nr));
	fputc('\n', out);
}

static void totals_table(const struct report *r, bool article_only, FILE *out)
{
	struct report_totals t;

	report_totals(r, article_only, &t);
	fprintf(out, "\n## Totals over %s (%d test-suite and %d benchmark workloads)\n\n",
		article_only ? "the article's five apps" : "every app", t.suites, t.benches);
	fputs("| measure | here | article |\n|---|--:|--:|\n", out);
	fprintf(out,
		"| mean share of traced syscalls stubbable or fakeable, test suites | "
		"%.0f%% | %.0f%% |\n",
		t.avoidable_suite_pct, article.avoidable_suite_pct);
	fprintf(out,
		"| mean share of traced syscalls stubbable or fakeable, benchmarks | "
		"%.0f%% | %.0f%% |\n",
		t.avoidable_bench_pct, article.avoidable_bench_pct);
	fprintf(out, "| syscalls required by at least one app, test suites | %d | %d |\n",
		t.required_suite, article.required_suite);
	fprintf(out, "| syscalls required by at least one app, benchmarks | %d | %d |\n",
		t.required_bench, article.required_bench);
	fprintf(out, "| source-level static analysis, union over apps | %d | %d |\n", t.static_src,
		article.static_src);
	fprintf(out, "| binary static analysis (reachable code), union over apps | %d | %d |\n",
		t.static_bin, article.static_bin);
	fputc('\n', out);
	name_line(out, "required by at least one app", &t.required);
}

static void row_details(const struct report_row *row, FILE *out)
{
	struct sysset stub = {0}, fake = {0}, unexercised = {0};
	json_t *entry, *path;
	size_t i;

	json_array_foreach(json_object_get(row->doc, "traced"), i, entry) {
		const char *cls = json_string_value(json_object_get(entry, "class"));
		int nr = syscall_number(json_string_value(json_object_get(entry, "name")));
		json_t *stub_hits = json_object_get(json_object_get(entry, "stub"), "hits");
		bool stubs = cls && (!strcmp(cls, "stubbable") || !strcmp(cls, "both"));

		if (stubs)
			sysset_add(&stub, nr);
		else if (cls && !strcmp(cls, "fakeable"))
			sysset_add(&fake, nr);
		if (stubs && !json_integer_value(stub_hits))
			sysset_add(&unexercised, nr);
	}
	fprintf(out, "\n### %s / %s\n\n", row->app, row->workload);
	if (!row->baseline_ok)
		fprintf(out, "- baseline failed: %s\n",
			json_string_value(json_object_get(json_object_get(row->doc, "method"),
							  "baseline_why")));
	name_line(out, "required", &row->required_set);
	name_line(out, "stubbable (ENOSYS is fine)", &stub);
	name_line(out, "fakeable only (needs a faked success)", &fake);
	name_line(out, "stubbable but never called in its trials (traced only by chance)",
		  &unexercised);
	fputs("- special files opened:", out);
	json_array_foreach(json_object_get(row->doc, "special_paths"), i, path)
		fprintf(out, " `%s`", json_string_value(path));
	fputc('\n', out);
}

void report_md(const struct report *r, FILE *out)
{
	fputs("# tessera-scan report\n\n", out);
	rows_table(r, out);
	totals_table(r, true, out);
	totals_table(r, false, out);
	fputs("\n## Per workload\n", out);
	for (size_t i = 0; i < r->n; i++)
		row_details(&r->rows[i], out);
}
