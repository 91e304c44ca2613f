// SPDX-License-Identifier: BSD-3-Clause
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "c_scan.h"
#include "array.h"
#include "musl_table.h"
#include "pp_cond.h"
#include "result_doc.h"
#include "sysset.h"

#define TARGET_ARCH "x86_64"
/* musl's configure picks this allocator unless told otherwise. */
#define MALLOC_DIR "mallocng"

struct musl_fn {
	char *name;
	int file;
	bool is_static;
	struct sysset sys;
	json_t *callees; /* names, as written */
	size_t *targets; /* callees resolved to indexes */
	size_t ntargets;
};

struct musl_db {
	const char *dir;
	json_t *numbers; /* "SYS_x" -> nr, from syscall.h.in */
	json_t *pasters; /* macros that build "SYS_##arg" from their first argument */
	struct musl_fn *fns;
	size_t n;
	json_t *globals; /* name -> index */
	json_t *statics; /* "file:name" -> index */
	int file;
};

/* Per-file state while scanning C events. */
struct c_file_state {
	struct musl_db *db;
	long current;	/* index of the function being read, or -1 */
	int alias_args; /* identifiers still expected by weak_alias() */
	const char *alias_from;
	size_t alias_from_len;
	bool paste_next;   /* the next identifier names a syscall */
	struct pp_cond pp; /* code under "#ifdef SYS_x" where x86_64 lacks x is skipped */
};

static size_t add_fn(struct musl_db *db, const char *name, size_t len, bool is_static)
{
	size_t index = db->n;
	struct musl_fn *f = ARRAY_PUSH(db->fns, db->n);
	char key[320];

	*f = (struct musl_fn){
		.name = strndup(name, len),
		.file = db->file,
		.is_static = is_static,
		.callees = json_array(),
	};
	if (is_static) {
		snprintf(key, sizeof(key), "%d:%s", db->file, f->name);
		json_object_set_new(db->statics, key, json_integer(index));
	} else if (!json_object_get(db->globals, f->name)) {
		json_object_set_new(db->globals, f->name, json_integer(index));
	}
	return index;
}

static void add_syscall_name(struct musl_db *db, struct musl_fn *f, const char *name, size_t len)
{
	char key[128];
	json_t *nr;

	snprintf(key, sizeof(key), "SYS_%.*s", (int)len, name);
	nr = json_object_get(db->numbers, key);
	if (nr)
		sysset_add(&f->sys, json_integer_value(nr));
}

static bool starts_with(const struct c_event *ev, const char *prefix)
{
	size_t n = strlen(prefix);

	return ev->len > n && !memcmp(ev->name, prefix, n);
}

static bool names(const struct c_event *ev, const char *word)
{
	return ev->len == strlen(word) && !memcmp(ev->name, word, ev->len);
}

static void on_alias_arg(struct c_file_state *st, const struct c_event *ev)
{
	size_t alias;

	if (st->alias_args == 2) {
		st->alias_from = ev->name;
		st->alias_from_len = ev->len;
	} else {
		alias = add_fn(st->db, ev->name, ev->len, false);
		json_array_append_new(st->db->fns[alias].callees,
				      json_stringn(st->alias_from, st->alias_from_len));
	}
	st->alias_args--;
}

static void on_body_event(struct c_file_state *st, const struct c_event *ev)
{
	struct musl_fn *f = &st->db->fns[st->current];
	char name[256];

	if (st->paste_next && ev->kind != C_CALL) {
		add_syscall_name(st->db, f, ev->name, ev->len);
		st->paste_next = false;
	} else if (starts_with(ev, "SYS_")) {
		add_syscall_name(st->db, f, ev->name + 4, ev->len - 4);
	} else if (ev->kind == C_CALL || ev->kind == C_REFERENCE) {
		snprintf(name, sizeof(name), "%.*s", (int)ev->len, ev->name);
		st->paste_next = ev->kind == C_CALL && json_object_get(st->db->pasters, name);
		json_array_append_new(f->callees, json_string(name));
	}
}

static void on_c_event(void *ctx, const struct c_event *ev)
{
	struct c_file_state *st = ctx;

	if (ev->kind == C_DIRECTIVE)
		pp_cond_directive(&st->pp, ev->name, ev->len);
	if (ev->in_directive)
		return;
	if (ev->kind == C_DEFINITION || ev->kind == C_VARIABLE) {
		st->current = add_fn(st->db, ev->name, ev->len, ev->is_static);
	} else if (ev->kind == C_DEFINITION_END || ev->kind == C_VARIABLE_END) {
		st->current = -1;
	} else if (st->alias_args) {
		on_alias_arg(st, ev);
	} else if (!ev->depth && ev->kind == C_CALL &&
		   (names(ev, "weak_alias") || names(ev, "strong_alias"))) {
		st->alias_args = 2;
	} else if (st->current >= 0 && pp_cond_active(&st->pp)) {
		on_body_event(st, ev);
	}
}

struct asm_line {
	char op[32];
	char src[128];
	char dst[128];
};

/* Splits "  movl $11,%eax   comment" into mnemonic and two operands. */
static void parse_asm_line(char *line, struct asm_line *out)
{
	char *comment = strstr(line, "/*");

	memset(out, 0, sizeof(*out));
	if (comment)
		*comment = '\0';
	if (sscanf(line, " %31s %127[^,\n] , %127s", out->op, out->src, out->dst) < 2)
		return;
	for (char *e = out->src + strlen(out->src); e > out->src && e[-1] == ' ';)
		*--e = '\0';
}

/* x86_64 assembly: ".global f", "mov $N,%eax" before "syscall", "call g". */
static void scan_asm(struct musl_db *db, const char *path)
{
	FILE *f = fopen(path, "r");
	json_t *globals = json_array(), *calls = json_array(), *g;
	struct sysset sys = {0};
	bool has_syscall = false;
	struct asm_line l;
	char line[512];
	size_t i;

	while (f && fgets(line, sizeof(line), f)) {
		parse_asm_line(line, &l);
		if (!strcmp(l.op, ".global") || !strcmp(l.op, ".globl"))
			json_array_append_new(globals, json_string(l.src));
		else if (!strncmp(l.op, "mov", 3) && l.src[0] == '$' &&
			 (!strcmp(l.dst, "%eax") || !strcmp(l.dst, "%rax")))
			sysset_add(&sys, (int)strtol(l.src + 1, NULL, 0));
		else if (!strcmp(l.op, "call") || !strcmp(l.op, "jmp"))
			json_array_append_new(calls, json_stringn(l.src, strcspn(l.src, "@")));
		else if (!strcmp(l.op, "syscall"))
			has_syscall = true;
	}
	if (f)
		fclose(f);
	json_array_foreach(globals, i, g) {
		size_t k = add_fn(db, json_string_value(g), strlen(json_string_value(g)), false);

		if (has_syscall)
			db->fns[k].sys = sys;
		json_array_extend(db->fns[k].callees, calls);
	}
	json_decref(globals);
	json_decref(calls);
}

/* Only SYS_* macros are known: the x86_64 header defines exactly these. */
static enum tristate sys_defined(const char *name, size_t len, void *ctx)
{
	struct musl_db *db = ctx;
	char key[128];

	if (len < 5 || strncmp(name, "SYS_", 4) || len >= sizeof(key))
		return TRI_MAYBE;
	snprintf(key, sizeof(key), "%.*s", (int)len, name);
	return json_object_get(db->numbers, key) ? TRI_YES : TRI_NO;
}

static void scan_file(struct musl_db *db, const char *path)
{
	struct c_file_state st = {
		.db = db, .current = -1, .pp = {.is_defined = sys_defined, .ctx = db}};
	size_t len = strlen(path);

	db->file++;
	if (len > 2 && (!strcmp(path + len - 2, ".s") || !strcmp(path + len - 2, ".S")))
		scan_asm(db, path);
	else
		c_scan_file(path, on_c_event, &st);
}

/* "#define __NR_read 0" lines of musl's x86_64 syscall header. */
static int read_numbers(struct musl_db *db, char *err, size_t errlen)
{
	char *path, line[256], name[128];
	FILE *f;
	int nr;

	if (asprintf(&path, "%s/arch/" TARGET_ARCH "/bits/syscall.h.in", db->dir) < 0)
		abort();
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: cannot read (is this a musl source tree?)", path);
		free(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "#define __NR_%127s %d", name, &nr) == 2) {
			char key[140];

			snprintf(key, sizeof(key), "SYS_%s", name);
			json_object_set_new(db->numbers, key, json_integer(nr));
		}
	fclose(f);
	free(path);
	return 0;
}

/* Reads the #define lines of a header, continuation lines joined. */
static json_t *read_macros(const char *path)
{
	json_t *macros = json_object();
	char line[512], name[128], param[64], *body = NULL;
	FILE *f = fopen(path, "r");
	size_t len = 0;

	while (f && fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		bool more = n >= 2 && line[n - 2] == '\\';

		body = realloc(body, len + n + 1);
		memcpy(body + len, line, n + 1);
		len += n;
		if (more)
			continue;
		if (sscanf(body, "#define %127[A-Za-z0-9_](%63[A-Za-z0-9_]", name, param) == 2)
			json_object_set_new(macros, name,
					    json_pack("{s:s, s:s}", "param", param, "body", body));
		len = 0;
	}
	if (f)
		fclose(f);
	free(body);
	return macros;
}

/* Does this macro body use its first parameter as a syscall name? */
static bool pastes(const struct musl_db *db, json_t *macro)
{
	const char *param = json_string_value(json_object_get(macro, "param"));
	const char *body = json_string_value(json_object_get(macro, "body"));
	const char *paster;
	char needle[200];
	json_t *v;

	snprintf(needle, sizeof(needle), "SYS_##%s", param);
	if (strstr(body, needle))
		return true;
	json_object_foreach(db->pasters, paster, v) {
		snprintf(needle, sizeof(needle), "%s(%s,", paster, param);
		if (strstr(body, needle))
			return true;
	}
	return false;
}

/* Macros such as __socketcall(nm, ...) that expand to SYS_##nm, or pass nm on to one. */
static void read_pasters(struct musl_db *db)
{
	char *path;
	json_t *macros, *m;
	const char *name;
	bool changed = true;

	if (asprintf(&path, "%s/src/internal/syscall.h", db->dir) < 0)
		abort();
	macros = read_macros(path);
	while (changed) {
		changed = false;
		json_object_foreach(macros, name, m) {
			if (!json_object_get(db->pasters, name) && pastes(db, m)) {
				json_object_set_new(db->pasters, name, json_true());
				changed = true;
			}
		}
	}
	json_decref(macros);
	free(path);
}

/* musl's build: src/<area>/x86_64/<f>.[csS] replaces src/<area>/<f>.c. */
static bool replaced_by_arch(const char *path)
{
	char *copy = strdup(path), *area = dirname(copy), *stem, *alt;
	const char *base = strrchr(path, '/') + 1;
	static const char *const exts[] = {".c", ".s", ".S"};
	bool replaced = false;

	stem = strndup(base, strlen(base) - 2);
	for (size_t i = 0; i < 3 && !replaced; i++) {
		if (asprintf(&alt, "%s/" TARGET_ARCH "/%s%s", area, stem, exts[i]) < 0)
			abort();
		replaced = access(alt, R_OK) == 0;
		free(alt);
	}
	free(stem);
	free(copy);
	return replaced;
}

/* Other architectures live one level deeper and never match these globs. */
static void scan_glob(struct musl_db *db, const char *pattern, bool generic)
{
	char *full;
	glob_t g;

	if (asprintf(&full, "%s/%s", db->dir, pattern) < 0)
		abort();
	if (glob(full, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			if (!generic || !replaced_by_arch(g.gl_pathv[i]))
				scan_file(db, g.gl_pathv[i]);
		globfree(&g);
	}
	free(full);
}

static long lookup(const struct musl_db *db, int file, const char *name)
{
	char key[320];
	json_t *idx;

	snprintf(key, sizeof(key), "%d:%s", file, name);
	idx = json_object_get(db->statics, key);
	if (!idx)
		idx = json_object_get(db->globals, name);
	return idx ? (long)json_integer_value(idx) : -1;
}

static void resolve_callees(struct musl_db *db)
{
	for (size_t i = 0; i < db->n; i++) {
		struct musl_fn *f = &db->fns[i];
		json_t *name;
		size_t k;

		f->targets = calloc(json_array_size(f->callees) + 1, sizeof(*f->targets));
		json_array_foreach(f->callees, k, name) {
			long t = lookup(db, f->file, json_string_value(name));
			if (t >= 0 && (size_t)t != i)
				f->targets[f->ntargets++] = t;
		}
	}
}

/* Each function inherits its callees' syscalls until nothing changes. */
static void propagate(struct musl_db *db)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (size_t i = 0; i < db->n; i++) {
			struct musl_fn *f = &db->fns[i];
			int before = sysset_count(&f->sys);

			for (size_t k = 0; k < f->ntargets; k++)
				sysset_unite(&f->sys, &db->fns[f->targets[k]].sys);
			changed |= sysset_count(&f->sys) != before;
		}
	}
}

static json_t *table_json(const struct musl_db *db)
{
	json_t *fns = json_object();
	char *copy = strdup(db->dir);
	json_t *doc;

	for (size_t i = 0; i < db->n; i++) {
		const struct musl_fn *f = &db->fns[i];
		json_t *have = json_object_get(fns, f->name);
		struct sysset set = f->sys;

		if (f->is_static || !sysset_count(&f->sys))
			continue;
		/* A name defined twice (e.g. an alias): keep the union. */
		if (have)
			sysset_from_json(have, &set);
		json_object_set_new(fns, f->name, sysset_to_json(&set));
	}
	doc = json_pack("{s:s, s:s, s:s, s:o}", "generator", "tessera-scan musl-table", "source",
			basename(copy), "arch", TARGET_ARCH, "functions", fns);
	free(copy);
	return doc;
}

static void db_free(struct musl_db *db)
{
	for (size_t i = 0; i < db->n; i++) {
		free(db->fns[i].name);
		free(db->fns[i].targets);
		json_decref(db->fns[i].callees);
	}
	free(db->fns);
	json_decref(db->numbers);
	json_decref(db->pasters);
	json_decref(db->globals);
	json_decref(db->statics);
}

json_t *musl_table_build(const char *musl_dir, char *err, size_t errlen)
{
	struct musl_db db = {.dir = musl_dir,
			     .numbers = json_object(),
			     .pasters = json_object(),
			     .globals = json_object(),
			     .statics = json_object()};
	json_t *doc = NULL;

	if (read_numbers(&db, err, errlen) == 0) {
		read_pasters(&db);
		scan_glob(&db, "src/*/*.c", true);
		scan_glob(&db, "src/malloc/" MALLOC_DIR "/*.c", true);
		scan_glob(&db, "src/*/" TARGET_ARCH "/*.[csS]", false);
		resolve_callees(&db);
		propagate(&db);
		doc = table_json(&db);
	}
	db_free(&db);
	return doc;
}
