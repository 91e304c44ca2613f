/* state, ps and features, in runc's JSON; exec, refused. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "container.h"
#include "log.h"
#include "monitor.h"

#define OCI_VERSION "1.0.2"

static void print_json(json_t *value)
{
	char *text = json_dumps(value, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (!text)
		fail("out of memory");
	printf("%s\n", text);
	free(text);
	json_decref(value);
}

static void find(struct container *c, int argc, char *argv[], int first)
{
	if (first + 1 != argc)
		fail("%s: give one container id", argv[0]);
	if (container_find(c, argv[first]))
		fail("container \"%s\" does not exist", argv[first]);
}

int cmd_state(int argc, char *argv[])
{
	struct container c;

	find(&c, argc, argv, 1);
	print_json(json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "ociVersion", OCI_VERSION, "id",
			     c.id, "pid", (int)container_pid(&c), "status", container_status(&c),
			     "bundle", c.bundle, "rootfs", c.rootfs, "created", c.created, "owner",
			     ""));
	return 0;
}

/* The container's processes: its monitor and QEMU. */
int cmd_ps(int argc, char *argv[])
{
	static const struct option options[] = {{"format", required_argument, NULL, 'f'},
						{NULL, 0, NULL, 0}};
	const char *format = "table";
	struct container c;
	pid_t pids[2];
	int opt, n = 0;

	while ((opt = getopt_long(argc, argv, "+f:", options, NULL)) != -1) {
		if (opt != 'f')
			fail("ps: unknown option (usage: ps [--format table|json] ID)");
		format = optarg;
	}
	if (strcmp(format, "table") && strcmp(format, "json"))
		fail("ps: invalid format '%s': give table or json", format);
	find(&c, argc, argv, optind);
	if (container_alive(&c)) {
		pids[n++] = container_pid(&c);
		if (monitor_pid(c.dir, "qemu.pid") > 0)
			pids[n++] = monitor_pid(c.dir, "qemu.pid");
	}
	if (!strcmp(format, "json")) {
		json_t *list = json_array();

		for (int i = 0; i < n; i++)
			json_array_append_new(list, json_integer(pids[i]));
		print_json(list);
		return 0;
	}
	printf("PID\n");
	for (int i = 0; i < n; i++)
		printf("%d\n", (int)pids[i]);
	return 0;
}

int cmd_features(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	print_json(json_pack(
		"{s:s,s:s,s:[],s:[s,s,s,s],s:{s:[],s:[],s:{s:b,s:b,s:b,s:b},s:{s:b},s:{s:b},s:{s:b}},"
		"s:{s:s}}",
		"ociVersionMin", "1.0.0", "ociVersionMax", OCI_VERSION, "hooks", "mountOptions",
		"bind", "rbind", "ro", "rw", "linux", "namespaces", "capabilities", "cgroup", "v1",
		1, "v2", 1, "systemd", 0, "systemdUser", 0, "seccomp", "enabled", 0, "apparmor",
		"enabled", 0, "selinux", "enabled", 0, "annotations", "org.tessera.runtime",
		"a Tessera unikernel under QEMU per container: no exec, no namespaces, "
		"directory bind mounts over 9p, the memory limit as guest memory"));
	return 0;
}

int cmd_exec(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fail("exec is not supported: a Tessera unikernel runs one program, with no shell or "
	     "second process to start inside it");
}
