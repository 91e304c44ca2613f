// SPDX-License-Identifier: BSD-3-Clause
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "ldsearch.h"

static const char *const default_dirs = "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:"
					"/lib64:/usr/lib64:/lib:/usr/lib";

static void read_includes(const char *pattern, char ***dirs, size_t *n)
{
	glob_t g;

	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++)
		ldsearch_read_conf(g.gl_pathv[i], dirs, n);
	globfree(&g);
}

void ldsearch_read_conf(const char *path, char ***dirs, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[PATH_MAX];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *s = line + strspn(line, " \t");

		s[strcspn(s, "#\r\n")] = '\0';
		for (char *e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t');)
			*--e = '\0';
		if (!strncmp(s, "include", 7) && (s[7] == ' ' || s[7] == '\t'))
			read_includes(s + 8 + strspn(s + 8, " \t"), dirs, n);
		else if (*s == '/')
			*ARRAY_PUSH(*dirs, *n) = strdup(s);
	}
	fclose(f);
}

static char *expand_origin(const char *dir, const char *requester)
{
	char *copy = strdup(requester), *origin = dirname(copy), *out;
	const char *var = strstr(dir, "$ORIGIN");
	size_t skip = 7;

	if (!var && (var = strstr(dir, "${ORIGIN}")))
		skip = 9;
	if (!var)
		out = strdup(dir);
	else if (asprintf(&out, "%.*s%s%s", (int)(var - dir), dir, origin, var + skip) < 0)
		abort();
	free(copy);
	return out;
}

/* Tries each directory of a colon-separated list. */
static char *try_list(const char *list, const char *name, const char *requester)
{
	char *copy, *dir, *save = NULL, *found = NULL;

	if (!list || !*list)
		return NULL;
	copy = strdup(list);
	for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *real = expand_origin(dir, requester), *path;

		if (asprintf(&path, "%s/%s", real, name) < 0)
			abort();
		if (elf_file_is_x86_64(path))
			found = path;
		else
			free(path);
		free(real);
	}
	free(copy);
	return found;
}

static char *try_conf_dirs(const char *name)
{
	static char **dirs;
	static size_t n;
	static bool loaded;
	char *path;

	if (!loaded) {
		ldsearch_read_conf("/etc/ld.so.conf", &dirs, &n);
		loaded = true;
	}
	for (size_t i = 0; i < n; i++) {
		if (asprintf(&path, "%s/%s", dirs[i], name) < 0)
			abort();
		if (elf_file_is_x86_64(path))
			return path;
		free(path);
	}
	return NULL;
}

char *ldsearch_find(const char *name, const struct elf_image *requester)
{
	const char *who = requester->path;
	char *found = NULL;

	if (strchr(name, '/'))
		return elf_file_is_x86_64(name) ? strdup(name) : NULL;
	if (!requester->runpath)
		found = try_list(requester->rpath, name, who);
	if (!found)
		found = try_list(getenv("LD_LIBRARY_PATH"), name, who);
	if (!found)
		found = try_list(requester->runpath, name, who);
	if (!found)
		found = try_conf_dirs(name);
	if (!found)
		found = try_list(default_dirs, name, who);
	return found;
}
