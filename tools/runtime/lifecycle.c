/*
 * start, pause, resume, kill and delete: a container's life after create,
 * through its monitor and QEMU's QMP socket.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cgroup.h"
#include "commands.h"
#include "container.h"
#include "log.h"
#include "monitor.h"
#include "qmp.h"

#define DELETE_WAIT_MS 30000 /* for a killed guest's monitor to go, on a loaded machine */

/* The one container id a command takes after its options. */
static void find(struct container *c, int argc, char *argv[], int first)
{
	if (first + 1 != argc)
		fail("%s: give one container id", argv[0]);
	if (container_find(c, argv[first]))
		fail("container \"%s\" does not exist", argv[first]);
}

/* A QMP command (start, pause, resume) on a container whose guest runs under its monitor. */
static void qmp(const struct container *c, const char *command)
{
	char path[4096], error[256];

	container_qmp(c, path, sizeof(path));
	if (qmp_execute(path, command, NULL, NULL, error, sizeof(error)))
		fail("%s", error);
}

/* Move from phase from to phase to with a QMP command; anything else is refused as runc does. */
static int transition(int argc, char *argv[], enum container_phase from, enum container_phase to,
		      const char *command)
{
	struct container c;

	find(&c, argc, argv, 1);
	if (!container_alive(&c))
		fail("container \"%s\" is not running: %s", c.id, container_status(&c));
	if (c.phase != from)
		fail("cannot %s container \"%s\": it is %s", argv[0], c.id, container_status(&c));
	if (!c.sandbox)
		qmp(&c, command);
	else if (from != PHASE_CREATED) /* it only holds its place: there is nothing to pause */
		fail("cannot %s a pod's sandbox container", argv[0]);
	c.phase = to;
	container_save(&c);
	return 0;
}

int cmd_start(int argc, char *argv[])
{
	return transition(argc, argv, PHASE_CREATED, PHASE_RUNNING, "cont");
}

int cmd_pause(int argc, char *argv[])
{
	return transition(argc, argv, PHASE_RUNNING, PHASE_PAUSED, "stop");
}

int cmd_resume(int argc, char *argv[])
{
	return transition(argc, argv, PHASE_PAUSED, PHASE_RUNNING, "cont");
}

/* "9", "KILL" or "SIGKILL". */
static int parse_signal(const char *text)
{
	const char *name = strncmp(text, "SIG", 3) ? text : text + 3;
	char *end;
	long n = strtol(text, &end, 10);

	if (end != text && !*end)
		return n > 0 && n < NSIG ? (int)n : -1;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *abbrev = sigabbrev_np(sig);

		if (abbrev && !strcmp(abbrev, name))
			return sig;
	}
	return -1;
}

/*
 * SIGKILL ends the guest at once (status 137); SIGTERM asks it to stop (it
 * ends with 143, or is killed when it has not started).  Other signals that
 * end a process end the monitor the same way, and QEMU with it; those a
 * process ignores by default are accepted and ignored; those that would stop
 * it cannot be given a guest.
 */
int cmd_kill(int argc, char *argv[])
{
	static const struct option options[] = {{"all", no_argument, NULL, 'a'},
						{NULL, 0, NULL, 0}};
	struct container c;
	int opt, err, sig = SIGTERM;
	pid_t pid;

	while ((opt = getopt_long(argc, argv, "+a", options, NULL)) != -1) {
		if (opt == '?')
			fail("kill: unknown option (usage: kill [--all] ID [SIGNAL])");
	}
	if (optind + 2 == argc) {
		sig = parse_signal(argv[argc - 1]);
		if (sig < 0)
			fail("kill: unknown signal '%s'", argv[argc - 1]);
		argc--;
	}
	find(&c, argc, argv, optind);
	if (!container_alive(&c))
		return 0; /* it has stopped already: what the signal asked for */
	switch (sig) {
	case SIGKILL:
		err = monitor_kill(c.dir);
		break;
	case SIGTERM:
		err = monitor_stop(c.dir);
		break;
	case SIGHUP: case SIGINT: case SIGQUIT: case SIGUSR1: case SIGUSR2: case SIGPIPE:
	case SIGALRM:
		pid = container_pid(&c);
		err = pid > 0 ? kill(pid, sig) : 0;
		break;
	case SIGCONT: case SIGWINCH: case SIGCHLD: case SIGURG:
		err = 0; /* a process would ignore them (ctr forwards every signal it gets) */
		break;
	default:
		fail("signal %d (%s) cannot be delivered to a unikernel: use TERM or KILL", sig,
		     sigabbrev_np(sig) ?: "?");
	}
	if (err && errno != ESRCH) /* ESRCH: it ended meanwhile */
		fail("kill: cannot signal container \"%s\": %s", c.id, strerror(errno));
	return 0;
}

int cmd_delete(int argc, char *argv[])
{
	static const struct option options[] = {{"force", no_argument, NULL, 'f'},
						{NULL, 0, NULL, 0}};
	bool force = false;
	struct container c;
	int opt;

	while ((opt = getopt_long(argc, argv, "+f", options, NULL)) != -1) {
		if (opt == 'f')
			force = true;
		else
			fail("delete: unknown option (usage: delete [--force] ID)");
	}
	if (optind + 1 != argc)
		fail("delete: give one container id");
	if (container_find(&c, argv[optind]))
		return 0; /* deleted already */
	if (container_alive(&c)) {
		if (!force)
			fail("cannot delete container \"%s\" that is not stopped: %s", c.id,
			     container_status(&c));
		monitor_kill(c.dir);
		if (monitor_wait(c.dir, DELETE_WAIT_MS))
			fail("container \"%s\" did not stop", c.id);
	}
	if (*c.cgroups_path)
		cgroup_remove(c.cgroups_path);
	container_remove(&c);
	return 0;
}
