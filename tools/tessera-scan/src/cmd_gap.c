// SPDX-License-Identifier: BSD-3-Clause
/*
 * "gap": what Tessera still lacks for the studied workloads. Each traced
 * syscall is sorted by what the apps need (required somewhere, a faked
 * success somewhere, or ENOSYS everywhere) against what Tessera's table
 * says it does (implemented, stubbed, faked, or absent).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "fail.h"
#include "json_print.h"
#include "paths.h"
#include "report.h"
#include "syscall_name.h"

enum need { NEED_STUB, NEED_FAKE, NEED_REAL };
enum state { STATE_ABSENT, STATE_STUBBED, STATE_FAKED, STATE_IMPLEMENTED };

static const char *const state_names[] = {"absent", "stubbed", "faked", "implemented"};

struct gap_entry {
	enum need need;
	json_t *needed_by; /* "app/workload" strings where it is required or fakeable only */
};

static enum state parse_state(const char *s)
{
	for (int i = STATE_STUBBED; i <= STATE_IMPLEMENTED; i++)
		if (s && !strcmp(s, state_names[i]))
			return i;
	return STATE_ABSENT;
}

static void read_table(json_t *table, const char *origin, enum state states[SYSCALL_MAX])
{
	json_t *entry;
	size_t i;

	if (!json_is_array(table))
		die(EXIT_BAD_INPUT, "%s: Tessera's table must be a JSON array", origin);
	json_array_foreach(table, i, entry) {
		json_t *nr = json_object_get(entry, "nr");
		enum state st = parse_state(json_string_value(json_object_get(entry, "state")));

		if (!json_is_integer(nr) || !syscall_nr_valid(json_integer_value(nr)) ||
		    st == STATE_ABSENT)
			die(EXIT_BAD_INPUT, "%s: entry %zu needs a valid nr and state", origin, i);
		states[json_integer_value(nr)] = st;
	}
}

/* Runs "./tessera syscalls --json" at the repository root. */
static json_t *tessera_table(void)
{
	char *cmd;
	json_t *table;
	FILE *p;

	if (asprintf(&cmd, "cd '%s/../..' && ./tessera syscalls --json 2>/dev/null", tool_dir()) <
	    0)
		abort();
	p = popen(cmd, "r");
	table = p ? json_loadf(p, 0, NULL) : NULL;
	if ((p && pclose(p) != 0) || !table)
		die(1, "cannot get Tessera's table from './tessera syscalls --json' "
		       "(give one with --table FILE)");
	free(cmd);
	return table;
}

static void collect_needs(const struct report *r, struct gap_entry gaps[SYSCALL_MAX])
{
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		json_t *entry;
		size_t k;

		json_array_foreach(json_object_get(row->doc, "traced"), k, entry) {
			int nr = syscall_number(json_string_value(json_object_get(entry, "name")));
			const char *cls = json_string_value(json_object_get(entry, "class"));
			enum need need = !strcmp(cls, "required")   ? NEED_REAL
					 : !strcmp(cls, "fakeable") ? NEED_FAKE
								    : NEED_STUB;
			char who[128];

			if (nr < 0)
				continue;
			if (!gaps[nr].needed_by)
				gaps[nr].needed_by = json_array();
			if (need > gaps[nr].need)
				gaps[nr].need = need;
			snprintf(who, sizeof(who), "%s/%s", row->app, row->workload);
			if (need != NEED_STUB)
				json_array_append_new(gaps[nr].needed_by, json_string(who));
		}
	}
}

/* The verdict for one syscall: what Tessera must still do, if anything. */
static const char *verdict(enum need need, enum state st)
{
	if (st == STATE_IMPLEMENTED)
		return "covered";
	if (need == NEED_REAL)
		return "implement";
	if (need == NEED_FAKE)
		return st == STATE_FAKED ? "covered" : "fake";
	return "covered"; /* ENOSYS is enough, and absent syscalls get it */
}

static json_t *gap_json(struct gap_entry gaps[SYSCALL_MAX], enum state states[SYSCALL_MAX])
{
	static const char *const need_names[] = {"stub", "fake", "real"};
	json_t *list = json_array();

	for (int nr = 0; nr < SYSCALL_MAX; nr++) {
		if (!gaps[nr].needed_by)
			continue;
		json_array_append_new(list,
				      json_pack("{s:i, s:s, s:s, s:s, s:s, s:o}", "nr", nr, "name",
						syscall_name(nr), "need", need_names[gaps[nr].need],
						"tessera", state_names[states[nr]], "verdict",
						verdict(gaps[nr].need, states[nr]), "needed_by",
						gaps[nr].needed_by));
	}
	return list;
}

static void print_entry(json_t *e)
{
	json_t *who;
	size_t k;

	printf("%-10s %-22s tessera: %-11s needed by:",
	       json_string_value(json_object_get(e, "verdict")),
	       json_string_value(json_object_get(e, "name")),
	       json_string_value(json_object_get(e, "tessera")));
	json_array_foreach(json_object_get(e, "needed_by"), k, who)
		printf(" %s", json_string_value(who));
	putchar('\n');
}

static void print_text(json_t *list)
{
	int implement = 0, fake = 0, covered = 0;
	json_t *e;
	size_t i;

	json_array_foreach(list, i, e) {
		const char *v = json_string_value(json_object_get(e, "verdict"));

		implement += !strcmp(v, "implement");
		fake += !strcmp(v, "fake");
		covered += !strcmp(v, "covered");
		if (strcmp(v, "covered"))
			print_entry(e);
	}
	printf("%zu traced syscalls: %d to implement, %d to fake, %d covered\n",
	       json_array_size(list), implement, fake, covered);
}

/* Per workload: what it needs that Tessera does not give yet. */
static void print_per_workload(const struct report *r, const enum state states[SYSCALL_MAX])
{
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		int missing = 0;

		printf("%s/%s misses:", row->app, row->workload);
		for (int nr = 0; nr < SYSCALL_MAX; nr++) {
			if (!sysset_has(&row->required_set, nr) || states[nr] == STATE_IMPLEMENTED)
				continue;
			printf(" %s", syscall_name(nr));
			missing++;
		}
		printf("%s (%d of %d required)\n", missing ? "" : " nothing", missing,
		       sysset_count(&row->required_set));
	}
}

int cmd_gap(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	static const struct option opts[] = {{"table", required_argument, NULL, 't'},
					     {"format", required_argument, NULL, 'f'},
					     {NULL, 0, NULL, 0}};
	struct gap_entry gaps[SYSCALL_MAX] = {0};
	enum state states[SYSCALL_MAX] = {0};
	const char *table_path = NULL;
	bool as_json = false;
	json_t *table, *list;
	json_error_t jerr;
	struct report r;
	int c;

	while ((c = getopt_long(argc, argv, "t:f:", opts, NULL)) != -1) {
		if (c == 't')
			table_path = optarg;
		else if (c == 'f')
			as_json = arg_choice(optarg, "--format", formats) == 1;
		else
			exit(EXIT_BAD_INPUT);
	}
	if (optind == argc)
		die(EXIT_BAD_INPUT, "gap: give result files (results/*.json)");
	report_load(&r, argv + optind, argc - optind);
	table = table_path ? json_load_file(table_path, 0, &jerr) : tessera_table();
	if (!table)
		die(EXIT_BAD_INPUT, "%s: %s", table_path, jerr.text);
	read_table(table, table_path ? table_path : "./tessera syscalls --json", states);
	collect_needs(&r, gaps);
	list = gap_json(gaps, states);
	if (as_json) {
		print_json(list);
	} else {
		print_text(list);
		print_per_workload(&r, states);
	}
	json_decref(list);
	json_decref(table);
	report_free(&r);
	return 0;
}
