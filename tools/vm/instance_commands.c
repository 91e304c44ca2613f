/* tessera ps, logs, stop and rm: the commands on detached instances (see instance.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>
#include "instance.h"
#include "monitor.h"
#include "vm.h"

#define USAGE_STATUS     2
#define STOP_GRACE_S     10
#define KILL_WAIT_MS     30000 /* for QEMU to go once killed, on a loaded machine */
#define FOLLOW_CHECK_MS  1000  /* -f: how often to look whether the instance ended */

static const char ps_usage[] =
	"usage: tessera ps [-a]\n"
	"\n"
	"List the running instances that `tessera run -d` started.\n"
	"\n"
	"  -a, --all            also those that have ended\n"
	"  -h, --help           this text\n";

static const char logs_usage[] =
	"usage: tessera logs [-f] NAME\n"
	"\n"
	"Print what instance NAME wrote: its stdout to stdout, its stderr and the\n"
	"kernel log to stderr.\n"
	"\n"
	"  -f, --follow         keep printing until the instance ends\n"
	"  -h, --help           this text\n";

static const char stop_usage[] =
	"usage: tessera stop [-t SECONDS] NAME...\n"
	"\n"
	"Ask each instance's program to stop, as SIGTERM does (it ends with status\n"
	"143); kill it after a grace period (status 137).\n"
	"\n"
	"  -t, --time SECONDS   the grace period (default 10)\n"
	"  -h, --help           this text\n";

static const char rm_usage[] =
	"usage: tessera rm [-f] NAME...\n"
	"\n"
	"Remove ended instances and their logs.\n"
	"\n"
	"  -f, --force          kill running ones first\n"
	"  -h, --help           this text\n";

/* getopt_long over argv with only -h and the given options; returns the option or -1. */
static int next_option(int argc, char *argv[], const char *shorts, const struct option *longs,
		       const char *usage)
{
	int opt = getopt_long(argc, argv, shorts, longs, NULL);

	if (opt == 'h') {
		fputs(usage, stdout);
		exit(0);
	}
	if (opt == '?') {
		fputs(usage, stderr);
		exit(USAGE_STATUS);
	}
	return opt;
}

/* One key of the instance's info file, into buf ("" when absent). */
static void info_value(const struct instance *inst, const char *key, char *buf, size_t len)
{
	char path[PATH_MAX], line[4096];
	size_t key_len = strlen(key);
	FILE *f;

	*buf = '\0';
	monitor_path(path, sizeof(path), inst->dir, "info");
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, key_len) && line[key_len] == '=') {
			line[strcspn(line, "\n")] = '\0';
			snprintf(buf, len, "%s", line + key_len + 1);
			break;
		}
	}
	fclose(f);
}

static void describe_status(const struct instance *inst, char *buf, size_t len)
{
	int status;

	if (monitor_alive(inst->dir)) {
		snprintf(buf, len, "running");
		return;
	}
	status = monitor_status(inst->dir);
	if (status >= 0)
		snprintf(buf, len, "exited (%d)", status);
	else
		snprintf(buf, len, "dead"); /* its monitor was killed */
}

static int select_instance(const struct dirent *d)
{
	return instance_name_valid(d->d_name);
}

int cmd_ps(int argc, char *argv[])
{
	static const struct option options[] = {{"all", no_argument, NULL, 'a'},
						{"help", no_argument, NULL, 'h'},
						{NULL, 0, NULL, 0}};
	struct dirent **names;
	bool all = false;
	int n, opt;

	while ((opt = next_option(argc, argv, "ah", options, ps_usage)) != -1)
		all = true;
	if (optind < argc)
		die(USAGE_STATUS, "ps takes no arguments (see --help)");
	n = scandir(instance_root(), &names, select_instance, alphasort);
	printf("%-20s %-12s %-19s %s\n", "NAME", "STATUS", "CREATED", "COMMAND");
	for (int i = 0; i < n; i++) {
		char status[32], created[32] = "", command[4096], stamp[32];
		struct instance inst;
		time_t when;

		snprintf(inst.name, sizeof(inst.name), "%.71s", names[i]->d_name);
		snprintf(inst.dir, sizeof(inst.dir), "%s/%s", instance_root(), inst.name);
		free(names[i]);
		describe_status(&inst, status, sizeof(status));
		if (!all && strcmp(status, "running"))
			continue;
		info_value(&inst, "created", stamp, sizeof(stamp));
		when = (time_t)atol(stamp);
		strftime(created, sizeof(created), "%Y-%m-%d %H:%M:%S", localtime(&when));
		info_value(&inst, "command", command, sizeof(command));
		printf("%-20s %-12s %-19s %s\n", inst.name, status, created, command);
	}
	if (n > 0)
		free(names);
	return 0;
}

/* Copy what is new in from to fd out; true if anything was. */
static bool drain(int from, int out)
{
	char buf[65536];
	bool any = false;
	ssize_t n;

	while ((n = read(from, buf, sizeof(buf))) > 0) {
		if (write(out, buf, n) != n)
			exit(1); /* our reader went away */
		any = true;
	}
	return any;
}

static int open_log(const struct instance *inst, const char *name)
{
	char path[PATH_MAX];

	monitor_path(path, sizeof(path), inst->dir, name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

int cmd_logs(int argc, char *argv[])
{
	static const struct option options[] = {{"follow", no_argument, NULL, 'f'},
						{"help", no_argument, NULL, 'h'},
						{NULL, 0, NULL, 0}};
	struct instance inst;
	bool follow = false;
	int opt, out, err, watch = -1;

	while ((opt = next_option(argc, argv, "fh", options, logs_usage)) != -1)
		follow = true;
	if (optind + 1 != argc)
		die(USAGE_STATUS, "logs: give one instance name (see --help)");
	if (instance_find(&inst, argv[optind]))
		die(1, "no such instance: %s", argv[optind]);
	if (follow) {
		/* Writes to the logs, and the monitor's end (its lock closed, its status written). */
		watch = inotify_init1(IN_CLOEXEC);
		if (watch < 0 || inotify_add_watch(watch, inst.dir, IN_MODIFY | IN_CLOSE_WRITE |
								       IN_MOVED_TO | IN_CREATE) < 0)
			die(1, "cannot watch %s: %s", inst.dir, strerror(errno));
	}
	out = open_log(&inst, "stdout");
	err = open_log(&inst, "stderr");
	for (;;) {
		bool alive = follow && monitor_alive(inst.dir);
		struct pollfd pfd = {.fd = watch, .events = POLLIN};
		char events[4096];

		if (out < 0)
			out = open_log(&inst, "stdout");
		if (err < 0)
			err = open_log(&inst, "stderr");
		if (out >= 0)
			drain(out, STDOUT_FILENO);
		if (err >= 0)
			drain(err, STDERR_FILENO);
		if (!alive)
			break; /* what it wrote before it ended has been read */
		if (poll(&pfd, 1, FOLLOW_CHECK_MS) > 0 && read(watch, events, sizeof(events)) < 0)
			die(1, "cannot watch %s: %s", inst.dir, strerror(errno));
	}
	return 0;
}

/* For commands on several instances: an unknown name is said, and the final status is 1. */
static int find_or_complain(struct instance *inst, const char *name, int *status)
{
	if (!instance_find(inst, name))
		return 0;
	fprintf(stderr, "tessera: no such instance: %s\n", name);
	*status = 1;
	return -1;
}

/* SIGTERM, then SIGKILL after grace_s: 0, or -1 when the instance will not end. */
static int stop_instance(const struct instance *inst, int grace_s)
{
	if (!monitor_alive(inst->dir))
		return 0;
	if (grace_s > 0 && monitor_stop(inst->dir) == 0 &&
	    monitor_wait(inst->dir, grace_s * 1000) == 0)
		return 0;
	monitor_kill(inst->dir);
	return monitor_wait(inst->dir, KILL_WAIT_MS);
}

int cmd_stop(int argc, char *argv[])
{
	static const struct option options[] = {{"time", required_argument, NULL, 't'},
						{"help", no_argument, NULL, 'h'},
						{NULL, 0, NULL, 0}};
	int grace = STOP_GRACE_S, opt, status = 0;
	char *end;

	while ((opt = next_option(argc, argv, "t:h", options, stop_usage)) != -1) {
		grace = (int)strtol(optarg, &end, 10);
		if (*end || end == optarg || grace < 0)
			die(USAGE_STATUS, "invalid -t '%s': give whole seconds, e.g. 10", optarg);
	}
	if (optind == argc)
		die(USAGE_STATUS, "stop: which instance? (see --help)");
	for (; optind < argc; optind++) {
		struct instance inst;

		if (find_or_complain(&inst, argv[optind], &status))
			continue;
		if (stop_instance(&inst, grace)) {
			fprintf(stderr, "tessera: %s did not stop\n", inst.name);
			status = 1;
			continue;
		}
		printf("%s\n", inst.name);
	}
	return status;
}

int cmd_rm(int argc, char *argv[])
{
	static const struct option options[] = {{"force", no_argument, NULL, 'f'},
						{"help", no_argument, NULL, 'h'},
						{NULL, 0, NULL, 0}};
	bool force = false;
	int opt, status = 0;

	while ((opt = next_option(argc, argv, "fh", options, rm_usage)) != -1)
		force = true;
	if (optind == argc)
		die(USAGE_STATUS, "rm: which instance? (see --help)");
	for (; optind < argc; optind++) {
		struct instance inst;

		if (find_or_complain(&inst, argv[optind], &status))
			continue;
		if (monitor_alive(inst.dir) && (!force || stop_instance(&inst, 0))) {
			fprintf(stderr, "tessera: %s is running: stop it first, or use rm -f\n",
				inst.name);
			status = 1;
			continue;
		}
		if (monitor_remove(inst.dir)) {
			fprintf(stderr, "tessera: cannot remove %s: %s\n", inst.dir, strerror(errno));
			status = 1;
			continue;
		}
		printf("%s\n", inst.name);
	}
	return status;
}
