/* Containers' state directories (see container.h). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "container.h"
#include "log.h"
#include "monitor.h"

#define ID_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-."

static const char *const phase_names[] = {"created", "running", "paused"};

const char *runtime_root = "/run/tessera-runtime";

void container_check_id(const char *id)
{
	size_t len = strlen(id);

	if (!len || len >= CONTAINER_ID_MAX || strspn(id, ID_CHARS) != len || !strcmp(id, ".") ||
	    !strcmp(id, ".."))
		fail("invalid container id '%s': use letters, digits, '_', '+', '-', '.'", id);
}

static void set_string(char *dst, size_t len, json_t *state, const char *key)
{
	const char *value = json_string_value(json_object_get(state, key));

	snprintf(dst, len, "%s", value ? value : "");
}

int container_find(struct container *c, const char *id)
{
	char path[PATH_MAX + 16];
	json_t *state;
	const char *phase;

	container_check_id(id);
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s", id);
	snprintf(c->dir, sizeof(c->dir), "%s/%s", runtime_root, id);
	snprintf(path, sizeof(path), "%s/state.json", c->dir);
	state = json_load_file(path, 0, NULL);
	if (!state)
		return -1;
	set_string(c->bundle, sizeof(c->bundle), state, "bundle");
	set_string(c->rootfs, sizeof(c->rootfs), state, "rootfs");
	set_string(c->created, sizeof(c->created), state, "created");
	set_string(c->cgroups_path, sizeof(c->cgroups_path), state, "cgroupsPath");
	c->sandbox = json_is_true(json_object_get(state, "sandbox"));
	phase = json_string_value(json_object_get(state, "phase"));
	for (int i = 0; phase && i < (int)(sizeof(phase_names) / sizeof(*phase_names)); i++) {
		if (!strcmp(phase, phase_names[i]))
			c->phase = i;
	}
	json_decref(state);
	return 0;
}

/* mkdir -p path (mode 0711: containers' directories are found by id, not listed). */
static void make_root(const char *path)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", path);
	for (char *slash = strchr(dir + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(dir, 0711) && errno != EEXIST)
			fail("cannot create the runtime root %s: %s", dir, strerror(errno));
		if (!slash)
			return;
		*slash = '/';
	}
}

void container_new(struct container *c, const char *id)
{
	container_check_id(id);
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s", id);
	snprintf(c->dir, sizeof(c->dir), "%s/%s", runtime_root, id);
	make_root(runtime_root);
	if (mkdir(c->dir, 0711)) {
		if (errno == EEXIST)
			fail("container with id exists: %s", id);
		fail("cannot create %s: %s", c->dir, strerror(errno));
	}
}

void container_remove(const struct container *c)
{
	monitor_remove(c->dir);
}

void container_save(const struct container *c)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 32];
	json_t *state = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", c->id, "bundle", c->bundle,
				  "rootfs", c->rootfs, "created", c->created, "cgroupsPath",
				  c->cgroups_path, "phase", phase_names[c->phase], "sandbox",
				  c->sandbox);

	snprintf(path, sizeof(path), "%s/state.json", c->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!state || json_dump_file(state, tmp, JSON_COMPACT) || rename(tmp, path))
		fail("cannot write %s: %s", path, strerror(errno));
	json_decref(state);
}

bool container_alive(const struct container *c)
{
	return monitor_alive(c->dir);
}

const char *container_status(const struct container *c)
{
	return container_alive(c) ? phase_names[c->phase] : "stopped";
}

pid_t container_pid(const struct container *c)
{
	pid_t pid = monitor_pid(c->dir, "monitor.pid");

	return container_alive(c) && pid > 0 ? pid : 0;
}

void container_qmp(const struct container *c, char *buf, size_t len)
{
	monitor_path(buf, len, c->dir, "qmp.sock");
}
