/* Detached instances: creating one, and the state directory they live in (see instance.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "instance.h"
#include "monitor.h"
#include "vm.h"

const char *instance_root(void)
{
	static char root[PATH_MAX];
	const char *env = getenv("TESSERA_STATE_DIR"), *xdg = getenv("XDG_RUNTIME_DIR");

	if (*root)
		return root;
	if (env && *env)
		snprintf(root, sizeof(root), "%s", env);
	else if (geteuid() == 0)
		snprintf(root, sizeof(root), "/run/tessera");
	else if (xdg && *xdg)
		snprintf(root, sizeof(root), "%s/tessera", xdg);
	else
		snprintf(root, sizeof(root), "/tmp/tessera-%u", (unsigned)geteuid());
	return root;
}

#define NAME_FIRST "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define NAME_CHARS NAME_FIRST "_.-"

bool instance_name_valid(const char *name)
{
	size_t len = strlen(name);

	if (!len || len >= sizeof(((struct instance *)0)->name) || !strchr(NAME_FIRST, name[0]))
		return false;
	return strspn(name, NAME_CHARS) == len;
}

int instance_find(struct instance *inst, const char *name)
{
	struct stat st;

	if (!instance_name_valid(name))
		return -1;
	snprintf(inst->name, sizeof(inst->name), "%s", name);
	snprintf(inst->dir, sizeof(inst->dir), "%s/%s", instance_root(), name);
	return !stat(inst->dir, &st) && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* mkdir, or false when the name is taken. */
static bool claim(struct instance *inst, const char *name)
{
	snprintf(inst->name, sizeof(inst->name), "%s", name);
	snprintf(inst->dir, sizeof(inst->dir), "%s/%s", instance_root(), name);
	if (!mkdir(inst->dir, 0700))
		return true;
	if (errno != EEXIST)
		die(1, "cannot create %s: %s", inst->dir, strerror(errno));
	return false;
}

/* A base name made valid: other characters become '-'. */
static void sanitize(char *out, size_t len, const char *base)
{
	size_t n = 0;

	for (; *base && n + 1 < len; base++)
		out[n++] = strchr(NAME_CHARS, *base) ? *base : '-';
	out[n] = '\0';
	if (!n || !strchr(NAME_FIRST, out[0]))
		snprintf(out, len, "instance");
}

/* Until the instance is detached, a failure removes its directory. */
static struct instance *unfinished;

static void remove_unfinished(void)
{
	if (unfinished)
		monitor_remove(unfinished->dir);
}

void instance_create(struct instance *inst, const char *name, const char *base,
		     const char *command)
{
	char root_parent[PATH_MAX], candidate[64], stem[48];
	FILE *info;

	snprintf(root_parent, sizeof(root_parent), "%s", instance_root());
	if (mkdir(root_parent, 0700) && errno != EEXIST)
		die(1, "cannot create the state directory %s: %s", root_parent, strerror(errno));
	if (name) {
		if (!instance_name_valid(name))
			die(2, "invalid name '%s': use letters, digits, '_', '.' and '-', "
			       "starting with a letter or digit (at most 71)", name);
		if (!claim(inst, name))
			die(1, "an instance named %s already exists (tessera rm %s removes it)", name,
			    name);
	} else {
		sanitize(stem, sizeof(stem), base);
		snprintf(candidate, sizeof(candidate), "%s", stem);
		for (int i = 2; !claim(inst, candidate); i++)
			snprintf(candidate, sizeof(candidate), "%s-%d", stem, i);
	}
	unfinished = inst;
	atexit(remove_unfinished);
	monitor_path(root_parent, sizeof(root_parent), inst->dir, "info");
	info = fopen(root_parent, "we");
	if (!info || fprintf(info, "created=%ld\ncommand=%s\n", (long)time(NULL), command) < 0 ||
	    fclose(info))
		die(1, "cannot write %s: %s", root_parent, strerror(errno));
}

/* In the monitor: no terminal, no stdin, output into the instance's files. */
static void detach_stdio(const struct monitor *m)
{
	char path[PATH_MAX];
	int in = open("/dev/null", O_RDONLY), out, err;

	unfinished = NULL;
	setsid();
	monitor_path(path, sizeof(path), m->dir, "stdout");
	out = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	monitor_path(path, sizeof(path), m->dir, "stderr");
	err = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (in < 0 || out < 0 || err < 0)
		exit(1); /* the parent hears that the monitor ended */
	dup2(in, STDIN_FILENO);
	dup2(out, STDOUT_FILENO);
	dup2(err, STDERR_FILENO);
	close(in);
	close(out);
	close(err);
}

int instance_detach(struct instance *inst, struct vm_config *cfg, struct stdin_relay *relay,
		    double timeout, const char *initrd)
{
	struct monitor m = {.dir = inst->dir,
			    .cfg = cfg,
			    .relay = relay,
			    .timeout = timeout,
			    .setup = detach_stdio};
	char error[512];

	if (monitor_start(&m, error, sizeof(error)) < 0) {
		unfinished = NULL; /* keep what it logged: tessera logs tells */
		die(1, "%s did not start: %s (tessera logs %s)", inst->name, error, inst->name);
	}
	unfinished = NULL;
	if (initrd)
		unlink(initrd); /* QEMU has it in guest memory */
	printf("%s\n", inst->name);
	return 0;
}
