// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

const char *tool_dir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("TESSERA_SCAN_DIR");
	ssize_t n;

	if (dir[0])
		return dir;
	if (env && *env)
		return strncpy(dir, env, sizeof(dir) - 1);
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n < 0)
		return strcpy(dir, ".");
	dir[n] = '\0';
	strcpy(dir, dirname(dir));
	/* The build tree keeps the binary in build/, one level down. */
	if (!strcmp(strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir, "build"))
		strcpy(dir, dirname(dir));
	return dir;
}

const char *cache_dir(void)
{
	static char *dir;
	const char *env = getenv("TESSERA_SCAN_CACHE");

	if (!dir)
		dir = env && *env ? strdup(env) : path_join(tool_dir(), ".cache");
	return dir;
}

char *path_join(const char *dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	return path;
}

int make_dirs(const char *path)
{
	char buf[PATH_MAX];

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}
