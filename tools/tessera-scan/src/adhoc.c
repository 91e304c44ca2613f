// SPDX-License-Identifier: BSD-3-Clause
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adhoc.h"
#include "fail.h"

#define ADHOC_TIMEOUT_S 60

/* "exec 'a' 'b''s'": the arguments reach the app exactly as given. */
static char *shell_command(char *const *argv)
{
	size_t len = 5;
	char *cmd, *p;

	for (size_t i = 0; argv[i]; i++)
		len += 4 * strlen(argv[i]) + 3;
	cmd = malloc(len + 1);
	if (!cmd)
		abort();
	p = stpcpy(cmd, "exec");
	for (size_t i = 0; argv[i]; i++) {
		*p++ = ' ';
		*p++ = '\'';
		for (const char *a = argv[i]; *a; a++)
			p = *a == '\'' ? stpcpy(p, "'\\''") : (*p = *a, p + 1);
		*p++ = '\'';
	}
	*p = '\0';
	return cmd;
}

/* The executable as the shell would find it, for the static analysis. */
static char *find_executable(const char *name)
{
	char *path, *dirs, *dir, *save = NULL, *found = NULL;

	if (strchr(name, '/'))
		return realpath(name, NULL);
	dirs = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	for (dir = strtok_r(dirs, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		if (asprintf(&path, "%s/%s", dir, name) < 0)
			abort();
		if (access(path, X_OK) == 0)
			found = realpath(path, NULL);
		free(path);
	}
	free(dirs);
	return found;
}

static json_t *scope_json(const struct adhoc_opts *o, const char *exe)
{
	json_t *scope = json_array();

	for (int i = 0; i < o->nscope; i++)
		json_array_append_new(scope, json_string(o->scope[i]));
	if (!o->nscope)
		json_array_append_new(scope, json_string(exe));
	return scope;
}

void adhoc_recipe(struct recipe *r, char *const *argv, const struct adhoc_opts *o)
{
	char *copy = strdup(argv[0]), *exe = basename(copy), *app = shell_command(argv);
	char *binary = find_executable(argv[0]);
	json_t *w = json_pack("{s:s, s:s, s:o, s:i}", "kind", "suite", "app", app, "scope",
			      scope_json(o, exe), "timeout",
			      o->timeout_s ? o->timeout_s : ADHOC_TIMEOUT_S);
	char err[256];

	memset(r, 0, sizeof(*r));
	if (!binary)
		die(EXIT_BAD_INPUT, "%s: no such executable", argv[0]);
	if (o->workload)
		json_object_set_new(w, "client", json_string(o->workload));
	if (o->check)
		json_object_set_new(w, "check", json_string(o->check));
	if (o->ready)
		json_object_set_new(w, "ready", json_string(o->ready));
	r->root = json_pack("{s:s, s:s, s:{s:o}}", "name", exe, "binary", binary, "workloads",
			    "command", w);
	if (recipe_from_json(r, err, sizeof(err)) < 0)
		die(EXIT_BAD_INPUT, "run: %s", err);
	free(binary);
	free(app);
	free(copy);
}
