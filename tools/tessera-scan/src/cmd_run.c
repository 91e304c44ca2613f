// SPDX-License-Identifier: BSD-3-Clause
/* "run": the full study of app workloads described by recipes. */
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adhoc.h"
#include "args.h"
#include "array.h"
#include "clock_ms.h"
#include "commands.h"
#include "fail.h"
#include "isolate.h"
#include "paths.h"
#include "result_doc.h"
#include "shell.h"
#include "static_bin.h"
#include "static_src.h"
#include "syscall_name.h"

/* Building a test harness from source takes minutes on two cores. */
#define PREPARE_TIMEOUT_MS (30 * 60 * 1000L)

struct run_opts {
	struct classify_opts classify;
	const char *out_dir;
	const char *doc_name; /* file name in out_dir; NULL: APP-WORKLOAD.json */
	bool with_static;
	struct adhoc_opts adhoc;
	char **command; /* after "--": an app given on the command line */
	char **apps;	/* recipes named on the command line or with --app */
	size_t napps;
};

static char *recipe_path(const char *name)
{
	char *file, *path;

	if (strchr(name, '/'))
		return strdup(name);
	if (asprintf(&file, "recipes/%s.json", name) < 0)
		abort();
	path = path_join(tool_dir(), file);
	free(file);
	return path;
}

/* The unpacked source package in the cache, as "apt-get source" names it. */
static char *source_tree(const struct recipe *r)
{
	char *pattern, *dir = NULL;
	glob_t g;

	if (!r->source_package)
		return NULL;
	if (asprintf(&pattern, "%s/src/%s-[0-9]*/", cache_dir(), r->source_package) < 0)
		abort();
	if (glob(pattern, GLOB_MARK, NULL, &g) == 0 && g.gl_pathc)
		dir = strdup(g.gl_pathv[g.gl_pathc - 1]);
	globfree(&g);
	free(pattern);
	return dir;
}

static void attach_static(json_t *doc, const struct recipe *r, const char *src)
{
	struct src_scope scope = {r->source_dirs, r->source_exclude};

	if (r->binary)
		json_object_set_new(doc, "static_binary", static_bin_json(r->binary, true));
	if (src)
		json_object_set_new(doc, "static_source", static_src_json(src, &scope, NULL));
	else if (r->source_package)
		warn_line("%s: source of '%s' not in %s/src (apt-get source it there)", r->name,
			  r->source_package, cache_dir());
}

static int write_doc(const struct run_opts *o, const struct workload *w, json_t *doc)
{
	char *file, *path;
	int rc;

	if (make_dirs(o->out_dir) < 0)
		die(1, "cannot create %s", o->out_dir);
	if (o->doc_name)
		file = strdup(o->doc_name);
	else if (asprintf(&file, "%s-%s.json", w->recipe->name, w->name) < 0)
		abort();
	path = path_join(o->out_dir, file);
	rc = json_dump_file(doc, path, JSON_INDENT(1) | JSON_SORT_KEYS);
	if (rc == 0)
		printf("%s/%s: wrote %s\n", w->recipe->name, w->name, path);
	free(file);
	free(path);
	return rc;
}

static void print_baseline(const struct workload *w, const struct classification *c)
{
	printf("%s/%s: baseline %s, %d syscalls traced:", w->recipe->name, w->name,
	       c->baseline_ok ? "passes" : "fails", c->nstudies);
	for (int i = 0; i < c->nstudies; i++)
		printf(" %s", syscall_name(c->studies[i].nr));
	putchar('\n');
}

/* Runs the workload's one-off preparation, logging to the cache directory. */
static int prepare(const struct workload *w)
{
	char *name, *log;
	int rc;

	if (!w->prepare)
		return 0;
	if (asprintf(&name, "prepare-%s-%s.log", w->recipe->name, w->name) < 0)
		abort();
	log = path_join(cache_dir(), name);
	rc = shell_run(w->prepare, log, now_ms() + PREPARE_TIMEOUT_MS, NULL);
	if (rc)
		warn_line("%s/%s: preparation failed (see %s)", w->recipe->name, w->name, log);
	free(log);
	free(name);
	return rc ? -1 : 0;
}

static int study(const struct run_opts *o, const struct workload *w, const char *src)
{
	struct classification c;
	json_t *doc;
	int rc;

	if (prepare(w) < 0)
		return -1;
	rc = classify_workload(w, &o->classify, &c);

	if (rc < 0)
		warn_line("%s/%s: the workload fails without any change (%s)", w->recipe->name,
			  w->name, c.baseline_why);
	if (o->classify.trace_only) {
		print_baseline(w, &c);
		classification_free(&c);
		return rc;
	}
	doc = result_doc_new(w, &o->classify, &c);
	if (o->with_static)
		attach_static(doc, w->recipe, src);
	if (write_doc(o, w, doc) < 0)
		rc = -1;
	json_decref(doc);
	classification_free(&c);
	return rc;
}

/* Loads the recipe of "APP" or "APP:NAME"; returns NAME or NULL. Bad names end the program. */
static const char *open_target(const char *target, struct recipe *r, char **name)
{
	char *wanted, *path, err[256];

	*name = strdup(target);
	wanted = strchr(*name, ':');
	if (wanted)
		*wanted++ = '\0';
	path = recipe_path(*name);
	if (access(path, R_OK) < 0)
		die(EXIT_BAD_INPUT, "no recipe '%s' (%s); see 'tessera-scan list'", *name, path);
	if (recipe_load(path, r, err, sizeof(err)) < 0)
		die(EXIT_BAD_INPUT, "bad recipe: %s", err);
	if (wanted && !recipe_workload(r, wanted))
		die(EXIT_BAD_INPUT, "recipe '%s' has no workload '%s'", r->name, wanted);
	free(path);
	return wanted;
}

static int run_target(const struct run_opts *o, const char *target)
{
	struct recipe r;
	char *name, *src;
	const char *wanted = open_target(target, &r, &name);
	int rc = 0;

	src = source_tree(&r);
	setenv("TS_SRC", src ? src : "", 1);
	for (size_t i = 0; i < r.nworkloads; i++)
		if (!wanted || !strcmp(wanted, r.workloads[i].name))
			rc |= study(o, &r.workloads[i], src);
	free(src);
	recipe_free(&r);
	free(name);
	return rc;
}

/* Every named recipe is checked before any trial starts. */
static void check_targets(char *const *targets, size_t n)
{
	struct recipe r;
	char *name;

	for (size_t i = 0; i < n; i++) {
		open_target(targets[i], &r, &name);
		recipe_free(&r);
		free(name);
	}
}

/* "all": every recipe file, in name order. */
static void expand_all(struct run_opts *o)
{
	static glob_t g;
	char *pattern = path_join(tool_dir(), "recipes/*.json");

	if (glob(pattern, 0, NULL, &g) != 0)
		die(1, "no recipes in %s", pattern);
	free(pattern);
	for (size_t i = 0; i < g.gl_pathc; i++)
		*ARRAY_PUSH(o->apps, o->napps) = g.gl_pathv[i];
}

static const struct option long_opts[] = {
	{"repeat", required_argument, NULL, 'r'},   {"jobs", required_argument, NULL, 'j'},
	{"quick", no_argument, NULL, 'Q'},	    {"no-cache", no_argument, NULL, 'n'},
	{"keep", no_argument, NULL, 'k'},	    {"quiet", no_argument, NULL, 'q'},
	{"out", required_argument, NULL, 'o'},	    {"no-static", no_argument, NULL, 's'},
	{"trace-only", no_argument, NULL, 't'},	    {"app", required_argument, NULL, 'a'},
	{"workload", required_argument, NULL, 'w'}, {"check", required_argument, NULL, 'c'},
	{"ready", required_argument, NULL, 'R'},    {"scope", required_argument, NULL, 'S'},
	{"timeout", required_argument, NULL, 'T'},  {NULL, 0, NULL, 0},
};

/* Options that describe an app given after "--". */
static bool parse_adhoc(int c, struct adhoc_opts *a)
{
	switch (c) {
	case 'w':
		a->workload = optarg;
		return true;
	case 'c':
		a->check = optarg;
		return true;
	case 'R':
		a->ready = optarg;
		return true;
	case 'S':
		if (a->nscope == ADHOC_MAX_SCOPE)
			die(EXIT_BAD_INPUT, "run: at most %d --scope", ADHOC_MAX_SCOPE);
		a->scope[a->nscope++] = optarg;
		return true;
	case 'T':
		a->timeout_s = arg_int(optarg, "--timeout", 1, 86400);
		return true;
	}
	return false;
}

static void parse(int argc, char **argv, struct run_opts *o)
{
	int c;

	while ((c = getopt_long(argc, argv, "r:j:Qnkqo:sta:w:c:R:S:T:", long_opts, NULL)) != -1) {
		if (parse_adhoc(c, &o->adhoc))
			continue;
		switch (c) {
		case 'r':
			o->classify.repeat = arg_int(optarg, "--repeat", 1, 100);
			break;
		case 'j':
			o->classify.jobs = arg_int(optarg, "--jobs", 1, 64);
			break;
		case 'Q':
			o->classify.both_modes = false;
			break;
		case 'a':
			*ARRAY_PUSH(o->apps, o->napps) = optarg;
			break;
		case 'n':
			o->classify.cache_root = NULL;
			break;
		case 'k':
			o->classify.env.keep = true;
			break;
		case 'q':
			o->classify.quiet = true;
			break;
		case 'o':
			o->out_dir = optarg;
			break;
		case 's':
			o->with_static = false;
			break;
		case 't':
			o->classify.trace_only = true;
			break;
		default:
			exit(EXIT_BAD_INPUT);
		}
	}
	if (optind > 1 && !strcmp(argv[optind - 1], "--")) {
		if (optind == argc)
			die(EXIT_BAD_INPUT, "run: give the command after --");
		o->command = argv + optind;
	} else if (o->adhoc.workload || o->adhoc.check || o->adhoc.ready || o->adhoc.nscope ||
		   o->adhoc.timeout_s) {
		die(EXIT_BAD_INPUT, "run: --workload, --check, --ready, --scope and --timeout "
				    "describe a command given after --");
	} else if (optind == argc && !o->napps) {
		die(EXIT_BAD_INPUT, "run: name an app recipe, APP:WORKLOAD, 'all', or -- CMD ARGS");
	}
}

/* "run ... -- CMD ARGS": one workload, written to OUT/results.json. */
static int run_command(struct run_opts *o, struct recipe *r)
{
	o->doc_name = "results.json";
	setenv("TS_SRC", "", 1);
	return study(o, &r->workloads[0], NULL);
}

static char *make_scratch_base(void)
{
	const char *tmp = getenv("TMPDIR");
	char *base;

	if (asprintf(&base, "%s/tessera-scan.XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0)
		abort();
	if (!mkdtemp(base))
		die(1, "cannot create a scratch directory in %s", tmp && *tmp ? tmp : "/tmp");
	return base;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o = {
		.classify = {.repeat = 3, .jobs = 2, .both_modes = true, .cache_root = cache_dir()},
		.with_static = true,
	};
	struct recipe command = {0};
	char *base;
	int rc = 0;

	parse(argc, argv, &o);
	if (!o.out_dir)
		o.out_dir = o.command ? "." : path_join(tool_dir(), "results");
	o.classify.env.isolate = isolate_available();
	if (!o.classify.env.isolate)
		o.classify.jobs = 1;
	for (int i = optind; !o.command && i < argc; i++)
		if (strcmp(argv[i], "all"))
			*ARRAY_PUSH(o.apps, o.napps) = argv[i];
		else
			expand_all(&o);
	check_targets(o.apps, o.napps);
	if (o.command)
		adhoc_recipe(&command, o.command, &o.adhoc);
	base = make_scratch_base();
	o.classify.env.scratch_base = base;
	setenv("TS_DIR", tool_dir(), 1);
	setenv("TS_CACHE", cache_dir(), 1);
	if (make_dirs(cache_dir()) < 0)
		die(1, "cannot create %s", cache_dir());
	if (o.command)
		rc = run_command(&o, &command);
	for (size_t i = 0; i < o.napps; i++)
		rc |= run_target(&o, o.apps[i]);
	free(o.apps);
	recipe_free(&command);
	if (o.classify.env.keep)
		warn_line("trial directories kept in %s", base);
	else
		scratch_remove(base);
	free(base);
	return rc ? 1 : 0;
}
