// SPDX-License-Identifier: BSD-3-Clause
#include <fnmatch.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_scan.h"
#include "fail.h"
#include "paths.h"
#include "result_doc.h"
#include "static_src.h"
#include "syscall_name.h"

#define DEFAULT_TABLE "data/musl-syscalls.json"

/* musl runs these around every program, whatever its source says. */
static const char *const implicit_roots[] = {"__libc_start_main", "exit"};

struct src_scan {
	json_t *used;	      /* libc candidates referenced, outside their file's statics */
	json_t *defined;      /* functions with external linkage defined by the app */
	struct sysset direct; /* SYS_x and __NR_x */
	int files;
	const char *root;
	const char *const *exclude;
	/* per file */
	json_t *file_used, *file_statics;
};

static struct src_scan *walk_state; /* nftw has no context argument */

static void note_direct(struct src_scan *s, const struct c_event *ev)
{
	size_t skip = !strncmp(ev->name, "SYS_", 4) ? 4 : 5;
	char name[128];
	int nr;

	snprintf(name, sizeof(name), "%.*s", (int)(ev->len - skip), ev->name + skip);
	nr = syscall_number(name);
	if (nr >= 0)
		sysset_add(&s->direct, nr);
}

static void on_event(void *ctx, const struct c_event *ev)
{
	struct src_scan *s = ctx;
	char name[256];

	if (ev->len >= sizeof(name))
		return;
	snprintf(name, sizeof(name), "%.*s", (int)ev->len, ev->name);
	if ((ev->len > 4 && !strncmp(name, "SYS_", 4)) ||
	    (ev->len > 5 && !strncmp(name, "__NR_", 5)))
		note_direct(s, ev);
	else if (ev->kind == C_DEFINITION)
		json_object_set_new(ev->is_static ? s->file_statics : s->defined, name,
				    json_true());
	else if (ev->kind == C_CALL || ev->kind == C_REFERENCE)
		json_object_set_new(s->file_used, name, json_true());
}

static bool is_c_source(const char *path)
{
	static const char *const exts[] = {".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp"};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcmp(dot, exts[i]))
			return true;
	return false;
}

static bool excluded(const struct src_scan *s, const char *path)
{
	size_t n = strlen(s->root);
	const char *rel = path + n + (path[n] == '/');

	for (size_t i = 0; s->exclude && s->exclude[i]; i++)
		if (fnmatch(s->exclude[i], rel, 0) == 0)
			return true;
	return false;
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	struct src_scan *s = walk_state;
	const char *name = path + ftw->base;
	const char *key;
	json_t *v;

	(void)sb;
	/* Hidden directories hold copies, e.g. quilt's .pc of pristine sources. */
	if (type == FTW_D && ftw->level > 0 && (name[0] == '.' || excluded(s, path)))
		return FTW_SKIP_SUBTREE;
	if (type != FTW_F || !is_c_source(path) || excluded(s, path))
		return FTW_CONTINUE;
	s->file_used = json_object();
	s->file_statics = json_object();
	if (c_scan_file(path, on_event, s) == 0)
		s->files++;
	json_object_foreach(s->file_used, key, v) {
		if (!json_object_get(s->file_statics, key))
			json_object_set(s->used, key, json_true());
	}
	json_decref(s->file_used);
	json_decref(s->file_statics);
	return FTW_CONTINUE;
}

static void walk(struct src_scan *s, const char *dir)
{
	walk_state = s;
	if (nftw(dir, visit, 32, FTW_PHYS | FTW_ACTIONRETVAL) < 0)
		warn_line("%s: cannot read the source tree", dir);
}

static json_t *load_table(const char *path)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr), *fns;

	if (!doc)
		die(EXIT_BAD_INPUT, "%s: %s", path, jerr.text);
	fns = json_object_get(doc, "functions");
	if (!json_is_object(fns))
		die(EXIT_BAD_INPUT, "%s: no \"functions\" object", path);
	json_incref(fns);
	json_decref(doc);
	return fns;
}

/* Unites the syscalls of every libc function the app uses but does not define. */
static int map_through_libc(const struct src_scan *s, json_t *table, struct sysset *out)
{
	const char *name;
	json_t *v, *syscalls;
	int functions = 0;

	json_object_foreach(s->used, name, v) {
		if (json_object_get(s->defined, name))
			continue;
		syscalls = json_object_get(table, name);
		if (syscalls && sysset_from_json(syscalls, out) == 0)
			functions++;
	}
	return functions;
}

json_t *static_src_json(const char *src_dir, const struct src_scope *scope, const char *table)
{
	const char *const *subdirs = scope ? scope->dirs : NULL;
	struct src_scan s = {.used = json_object(),
			     .defined = json_object(),
			     .root = src_dir,
			     .exclude = scope ? scope->exclude : NULL};
	char *table_path = table ? strdup(table) : path_join(tool_dir(), DEFAULT_TABLE);
	json_t *fns = load_table(table_path);
	struct sysset all = {0};
	int functions;

	for (size_t i = 0; i < sizeof(implicit_roots) / sizeof(implicit_roots[0]); i++)
		json_object_set_new(s.used, implicit_roots[i], json_true());
	for (size_t i = 0; subdirs && subdirs[i]; i++) {
		char *dir = path_join(src_dir, subdirs[i]);
		walk(&s, dir);
		free(dir);
	}
	if (!subdirs)
		walk(&s, src_dir);
	functions = map_through_libc(&s, fns, &all);
	sysset_unite(&all, &s.direct);
	json_decref(fns);
	json_decref(s.used);
	json_decref(s.defined);
	free(table_path);
	return json_pack("{s:s, s:i, s:i, s:o, s:i, s:o}", "source", src_dir, "files", s.files,
			 "libc_functions", functions, "direct_syscalls", sysset_to_json(&s.direct),
			 "count", sysset_count(&all), "syscalls", sysset_to_json(&all));
}
