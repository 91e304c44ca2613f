// SPDX-License-Identifier: BSD-3-Clause
#include "report.h"
#include "syscall_name.h"

static const char *verdict_of(json_t *entry, const char *mode)
{
	const char *v = json_string_value(json_object_get(json_object_get(entry, mode), "verdict"));

	return v ? v : "";
}

/* One line per workload and traced syscall: the raw material for spreadsheets. */
void report_csv(const struct report *r, FILE *out)
{
	fputs("app,workload,kind,nr,syscall,calls,class,stub,fake,in_binary_static,"
	      "in_source_static\n",
	      out);
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		json_t *entry;
		size_t k;

		json_array_foreach(json_object_get(row->doc, "traced"), k, entry) {
			int nr = (int)json_integer_value(json_object_get(entry, "nr"));

			fprintf(out, "%s,%s,%s,%d,%s,%lld,%s,%s,%s,%s,%s\n", row->app,
				row->workload, row->kind, nr, syscall_name(nr),
				json_integer_value(json_object_get(entry, "calls")),
				json_string_value(json_object_get(entry, "class")),
				verdict_of(entry, "stub"), verdict_of(entry, "fake"),
				row->static_bin < 0		? ""
				: sysset_has(&row->bin_set, nr) ? "yes"
								: "no",
				row->static_src < 0		? ""
				: sysset_has(&row->src_set, nr) ? "yes"
								: "no");
		}
	}
}
