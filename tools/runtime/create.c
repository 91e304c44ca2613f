/*
 * create --bundle B --pid-file F [--console-socket S] ID
 *
 * Read B/config.json and the Tessera image in its rootfs, then start the
 * container's monitor (tools/vm/monitor.h): it starts QEMU with the CPU
 * stopped and QMP in the container's directory, and is a child of ours, so
 * that once we exit it belongs to our caller (containerd's shim, a child
 * subreaper) — never daemonized.  F receives the monitor's pid: the task's
 * init process, whose exit status is the guest's (QEMU's own cannot be:
 * isa-debug-exit makes it 2N+1).  The container's stdio, ours, is the guest
 * console's; with a terminal, a new pseudo-terminal's (console.c).
 *
 * A pod's sandbox container runs no guest: its monitor only holds the
 * container until it is stopped, as the pause process does for runc.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cgroup.h"
#include "commands.h"
#include "console.h"
#include "container.h"
#include "linux_program.h"
#include "log.h"
#include "monitor.h"
#include "pod_net.h"
#include "spec.h"
#include "stdin_relay.h"
#include "vm.h"

/* Where the guest kernel's own file systems are: no share goes there (CRI binds /dev/shm). */
static bool kernel_owned(const char *path)
{
	static const char *const dirs[] = {"/dev", "/proc", "/sys"};

	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		size_t len = strlen(dirs[i]);

		if (!strncmp(path, dirs[i], len) && (!path[len] || path[len] == '/'))
			return true;
	}
	return false;
}

/* The mounts a guest can have: host directories bound into the container, shared over 9p. */
static int volumes_from_mounts(const struct oci_spec *spec, struct vm_volume *volumes)
{
	int n = 0;

	for (int i = 0; i < spec->nr_mounts; i++) {
		const struct spec_mount *m = &spec->mounts[i];
		struct stat st;

		if (!m->bind || kernel_owned(m->destination) || stat(m->source, &st) ||
		    !S_ISDIR(st.st_mode))
			continue; /* files (/etc/hosts...) and kernel file systems */
		if (n == VM_MAX_VOLUMES)
			fail("at most %d directories can be shared with a guest", VM_MAX_VOLUMES);
		volumes[n++] = (struct vm_volume){
			.host = m->source, .guest = m->destination, .readonly = m->read_only};
	}
	return n;
}

/* The program's environment, with HOSTNAME from the spec's hostname unless it has one. */
static void program_env(struct linux_program *prog, const struct oci_spec *spec)
{
	bool has_hostname = false;

	for (int i = 0; i < spec->nr_env && i < LINUX_MAX_ENV; i++) {
		prog->env[prog->nr_env++] = spec->env[i];
		has_hostname |= !strncmp(spec->env[i], "HOSTNAME=", 9);
	}
	if (spec->hostname && !has_hostname && prog->nr_env < LINUX_MAX_ENV) {
		char *hostname;

		if (asprintf(&hostname, "HOSTNAME=%s", spec->hostname) < 0)
			fail("out of memory");
		prog->env[prog->nr_env++] = hostname;
	}
}

/*
 * On the host's network (no namespace of its own, or the runtime's), the
 * image's ports ("80/tcp") are the host's, on all its addresses, as a
 * host-network container's are: QEMU user networking forwards them.
 */
static void host_network(struct vm_config *cfg, const struct tessera_image *image)
{
	static struct vm_network net = {.kind = VM_NET_USER};
	char spec[32];
	int port;

	if (!image->nr_ports)
		return; /* nothing to serve: the guest has no network */
	for (int i = 0; i < image->nr_ports; i++) {
		struct vm_port_forward *f = &net.forwards[net.nr_forwards];

		if (net.nr_forwards == VM_MAX_FORWARDS || sscanf(image->ports[i], "%d", &port) != 1)
			fail("%s: unusable port '%s'", image->kernel, image->ports[i]);
		snprintf(spec, sizeof(spec), "%d:%s", port, image->ports[i]);
		if (vm_parse_port_forward(spec, f))
			fail("%s: unusable port '%s'", image->kernel, image->ports[i]);
		f->all_addresses = true;
		net.nr_forwards++;
	}
	cfg->netdev = vm_netdev_arg(&net);
	if (!cfg->netdev)
		fail("out of memory");
}

/* In a pod's network namespace, the guest takes the pod's address on a tap joined to its veth. */
static void pod_network(struct vm_config *cfg, const struct oci_spec *spec,
			const struct tessera_image *image, char **options)
{
	static struct vm_network net = {.kind = VM_NET_TAP};
	static struct pod_net pod;
	char error[SPEC_ERROR_LEN];

	switch (spec->netns ? pod_net_join(spec->netns, &pod, error, sizeof(error)) : 1) {
	case 1:
		host_network(cfg, image);
		return;
	case -1:
		fail("%s", error);
	}
	snprintf(net.ifname, sizeof(net.ifname), "%s", pod.tap);
	net.ip = pod.ip;
	net.gw = *pod.gw ? pod.gw : NULL;
	cfg->netdev = vm_netdev_arg(&net);
	cfg->mac = pod.mac;
	if (!cfg->netdev || vm_network_options(&net, options))
		fail("out of memory");
}

/* QEMU's configuration for the container's guest; relay is opened when stdin needs framing. */
static void guest_config(struct vm_config *cfg, const struct oci_spec *spec,
			 const struct tessera_image *image, struct stdin_relay *relay,
			 bool *relayed)
{
	static struct vm_volume volumes[VM_MAX_VOLUMES];
	static struct linux_program prog;
	enum vm_image_kind kind = vm_image_kind(image->kernel);
	char **argv = calloc(spec->nr_args + 2, sizeof(*argv)), *options;
	const char *reason;
	int argc = 0;

	if (kind != VM_IMAGE_TESSERA && kind != VM_IMAGE_TESSERA_PROGRAM)
		fail("%s is not a Tessera image", image->kernel);
	cfg->qemu = vm_find_qemu();
	if (!cfg->qemu)
		fail("qemu-system-x86_64 is not installed: apt-get install qemu-system-x86");
	cfg->image = image->kernel;
	cfg->initrd = image->rootfs;
	cfg->memory_mib = spec_memory_mib(spec, image);
	cfg->paused = true;
	cfg->accel = vm_choose_accel(cfg->qemu, false, &reason);
	*relayed = kind == VM_IMAGE_TESSERA_PROGRAM && !isatty(STDIN_FILENO);
	if (kind == VM_IMAGE_TESSERA_PROGRAM) {
		prog.framed_stdin = *relayed;
		program_env(&prog, spec);
		options = linux_program_options(&prog, image->kernel_options);
	} else {
		options = strdup(image->kernel_options);
	}
	if (*relayed && stdin_relay_open(relay, STDIN_FILENO))
		fail("cannot create a pipe for stdin: %s", strerror(errno));
	if (spec->hostname) {
		char *word;

		if (asprintf(&word, "hostname=%s", spec->hostname) < 0 ||
		    vm_options_add(&options, word))
			fail("out of memory");
		free(word);
	}
	if (vm_clock_options(cfg, &options))
		fail("out of memory");
	pod_network(cfg, spec, image, &options);
	cfg->volumes = volumes;
	cfg->nr_volumes = volumes_from_mounts(spec, volumes);
	options = vm_volume_options(options, volumes, cfg->nr_volumes);
	if (image->loader)
		argv[argc++] = "loader";
	for (int i = 0; i < spec->nr_args; i++)
		argv[argc++] = spec->args[i];
	cfg->cmdline = vm_kernel_cmdline(options, argv, argc);
	if (!cfg->cmdline)
		fail("out of memory");
}

/* Until the monitor is up, a failure removes what create made. */
static struct container *unfinished;

static void remove_unfinished(void)
{
	if (!unfinished)
		return;
	if (*unfinished->cgroups_path)
		cgroup_remove(unfinished->cgroups_path);
	container_remove(unfinished);
}

/* In the monitor: its own session, apart from the shim's signals to its group. */
static void monitor_setup(const struct monitor *m)
{
	(void)m;
	unfinished = NULL;
	setsid();
}

static void write_pid_file(const char *path, pid_t pid)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "we");
	if (!f || fprintf(f, "%d", (int)pid) < 0 || fclose(f) || rename(tmp, path))
		fail("cannot write the pid file %s: %s", path, strerror(errno));
}

int cmd_create(int argc, char *argv[])
{
	static const struct option options[] = {
		{"bundle", required_argument, NULL, 'b'},
		{"pid-file", required_argument, NULL, 'p'},
		{"console-socket", required_argument, NULL, 'c'},
		{"no-pivot", no_argument, NULL, 'n'},
		{"no-new-keyring", no_argument, NULL, 'k'},
		{"preserve-fds", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0}};
	const char *bundle = ".", *pid_file = NULL, *console_socket = NULL;
	static struct vm_config cfg;
	struct tessera_image image;
	struct stdin_relay relay;
	struct oci_spec spec;
	struct container c;
	char error[SPEC_ERROR_LEN];
	struct monitor m;
	bool relayed = false;
	pid_t pid;
	int opt;

	while ((opt = getopt_long(argc, argv, "+b:", options, NULL)) != -1) {
		if (opt == 'b')
			bundle = optarg;
		else if (opt == 'p')
			pid_file = optarg;
		else if (opt == 'c')
			console_socket = optarg;
		else if (opt == '?')
			fail("create: unknown option (usage: create --bundle DIR --pid-file FILE "
			     "[--console-socket SOCKET] ID)");
	}
	if (optind + 1 != argc)
		fail("create: give one container id");
	container_check_id(argv[optind]);
	bundle = realpath(bundle, NULL);
	if (!bundle)
		fail("bundle: %s", strerror(errno));
	if (spec_load(&spec, bundle, error))
		fail("%s", error);
	if (!spec.sandbox && tessera_image_load(&image, spec.root, error))
		fail("%s", error);
	container_new(&c, argv[optind]);
	unfinished = &c;
	atexit(remove_unfinished);
	snprintf(c.bundle, sizeof(c.bundle), "%s", bundle);
	snprintf(c.rootfs, sizeof(c.rootfs), "%s", spec.root);
	snprintf(c.cgroups_path, sizeof(c.cgroups_path), "%s", spec.cgroups_path ?: "");
	now_rfc3339(c.created, sizeof(c.created));
	c.sandbox = spec.sandbox;
	container_save(&c);
	if (spec.terminal && !console_socket)
		fail("process.terminal is set: give --console-socket");
	if (console_socket && console_setup(console_socket, error, sizeof(error)))
		fail("%s", error);
	if (!spec.sandbox)
		guest_config(&cfg, &spec, &image, &relay, &relayed);
	else if (spec.netns && pod_net_enter(spec.netns, error, sizeof(error)) < 0)
		fail("%s", error);
	/* Joined before the monitor starts: it and QEMU inherit the group. */
	if (spec.cgroups_path && cgroup_join(spec.cgroups_path, getpid(), error, sizeof(error)))
		fail("%s", error);
	m = (struct monitor){.dir = c.dir,
			     .cfg = spec.sandbox ? NULL : &cfg,
			     .relay = relayed ? &relay : NULL,
			     .setup = monitor_setup};
	pid = monitor_start(&m, error, sizeof(error));
	if (pid < 0)
		fail("%s", error);
	if (pid_file)
		write_pid_file(pid_file, pid);
	unfinished = NULL;
	return 0;
}
