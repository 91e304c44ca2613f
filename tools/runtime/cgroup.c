/* cgroupsPath in every mounted hierarchy (see cgroup.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cgroup.h"

#define MAX_HIERARCHIES 32

/* The mount points of the cgroup (v1) and cgroup2 file systems. */
static int hierarchies(char mounts[][PATH_MAX], int max)
{
	FILE *f = fopen("/proc/self/mounts", "re");
	char dev[256], dir[PATH_MAX], type[64];
	int n = 0;

	if (!f)
		return 0;
	while (n < max && fscanf(f, "%255s %4095s %63s %*[^\n]", dev, dir, type) == 3) {
		if (!strcmp(type, "cgroup") || !strcmp(type, "cgroup2"))
			snprintf(mounts[n++], PATH_MAX, "%s", dir);
	}
	fclose(f);
	return n;
}

static int write_text(const char *dir, const char *file, const char *text)
{
	char path[PATH_MAX + 64];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/* A new v1 cpuset group has no CPUs or memory nodes: take its parent's, as runc does. */
static void inherit_cpuset(const char *dir)
{
	char parent[PATH_MAX], path[PATH_MAX + 64], value[4096];
	const char *files[] = {"cpuset.cpus", "cpuset.mems"};

	snprintf(parent, sizeof(parent), "%s", dir);
	*strrchr(parent, '/') = '\0';
	for (int i = 0; i < 2; i++) {
		FILE *f;
		size_t n;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		f = fopen(path, "re");
		if (!f)
			return; /* not a cpuset hierarchy */
		n = fread(value, 1, sizeof(value) - 1, f);
		fclose(f);
		if (n > 1)
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, files[i]);
		f = fopen(path, "re");
		if (!f)
			continue;
		n = fread(value, 1, sizeof(value) - 1, f);
		fclose(f);
		value[n] = '\0';
		write_text(dir, files[i], value);
	}
}

/* mkdir -p of path below mount, each new level of a cpuset hierarchy given its parent's CPUs. */
static int make_path(const char *mount, const char *path)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%.4095s", mount);
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");

		if (len) {
			if (strlen(dir) + 1 + len >= sizeof(dir))
				return -1;
			strcat(dir, "/");
			strncat(dir, p, len);
			if (mkdir(dir, 0755) == 0)
				inherit_cpuset(dir);
			else if (errno != EEXIST)
				return -1;
		}
		p += len + (p[len] == '/');
	}
	return 0;
}

int cgroup_join(const char *path, pid_t pid, char *error, size_t len)
{
	char mounts[MAX_HIERARCHIES][PATH_MAX], dir[2 * PATH_MAX], text[32];
	int n = hierarchies(mounts, MAX_HIERARCHIES);

	if (path[0] != '/') {
		snprintf(error, len, "cgroupsPath '%s': systemd cgroup paths are not supported "
			 "(set SystemdCgroup = false)", path);
		return -1;
	}
	snprintf(text, sizeof(text), "%d", (int)pid);
	for (int i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "%.4095s%s", mounts[i], path);
		if (make_path(mounts[i], path) || write_text(dir, "cgroup.procs", text)) {
			snprintf(error, len, "cannot join cgroup %s: %s", dir, strerror(errno));
			return -1;
		}
	}
	return 0;
}

void cgroup_remove(const char *path)
{
	char mounts[MAX_HIERARCHIES][PATH_MAX], dir[2 * PATH_MAX];
	int n = hierarchies(mounts, MAX_HIERARCHIES);

	if (path[0] != '/')
		return;
	for (int i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "%.4095s%s", mounts[i], path);
		rmdir(dir);
	}
}
