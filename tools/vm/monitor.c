/* The monitor process and the operations on a monitor's directory (see monitor.h). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "monitor.h"
#include "qmp.h"
#include "session.h"
#include "stdin_relay.h"

#define START_TIMEOUT_MS 60000 /* QEMU's start, on a loaded machine */
#define POLL_MS          10

void monitor_path(char *buf, size_t len, const char *dir, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static int write_file(const char *dir, const char *name, const char *fmt, ...)
{
	char path[4096], tmp[4096 + 8];
	va_list ap;
	FILE *f;
	int ok;

	monitor_path(path, sizeof(path), dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "we");
	if (!f)
		return -1;
	va_start(ap, fmt);
	ok = vfprintf(f, fmt, ap) >= 0;
	va_end(ap);
	ok = !fclose(f) && ok;
	/* Readers see the old file or the whole new one. */
	return ok && !rename(tmp, path) ? 0 : -1;
}

static long read_number(const char *dir, const char *name)
{
	char path[4096];
	long value = -1;
	FILE *f;

	monitor_path(path, sizeof(path), dir, name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &value) != 1)
		value = -1;
	fclose(f);
	return value;
}

int monitor_status(const char *dir)
{
	return (int)read_number(dir, "status");
}

pid_t monitor_pid(const char *dir, const char *name)
{
	long pid = read_number(dir, name);

	return pid > 0 ? (pid_t)pid : -1;
}

bool monitor_alive(const char *dir)
{
	char path[4096];
	bool locked;
	int fd;

	monitor_path(path, sizeof(path), dir, "lock");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	locked = flock(fd, LOCK_SH | LOCK_NB) && errno == EWOULDBLOCK;
	close(fd);
	return locked;
}

int monitor_stop(const char *dir)
{
	pid_t pid = monitor_pid(dir, "monitor.pid");

	if (!monitor_alive(dir))
		return 0;
	return pid > 0 ? kill(pid, SIGTERM) : -1;
}

int monitor_kill(const char *dir)
{
	pid_t pid = monitor_pid(dir, "qemu.pid");

	if (!monitor_alive(dir))
		return 0;
	if (pid < 0) /* a monitor without a guest */
		pid = monitor_pid(dir, "monitor.pid");
	return pid > 0 ? kill(pid, SIGKILL) : -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int monitor_remove(const char *dir)
{
	return nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int monitor_wait(const char *dir, int timeout_ms)
{
	long deadline = process_now_ms() + timeout_ms;
	const struct timespec pause = {0, POLL_MS * 1000000L};

	while (monitor_alive(dir)) {
		if (timeout_ms >= 0 && process_now_ms() >= deadline)
			return -1;
		nanosleep(&pause, NULL);
	}
	return 0;
}

/* In the monitor: SIGTERM asks a running guest to stop (an NMI, see plat/kvm/stop_request.c). */
static int on_signal(struct session *s, int signo)
{
	const struct monitor *m = s->owner;
	char qmp[4096], state[32], error[256];

	(void)signo;
	monitor_path(qmp, sizeof(qmp), m->dir, "qmp.sock");
	if (!qmp_run_state(qmp, state, sizeof(state), error, sizeof(error)) &&
	    !strcmp(state, "running") &&
	    !qmp_execute(qmp, "inject-nmi", NULL, NULL, error, sizeof(error)))
		return 0; /* the guest reports its own status */
	/* Not started, paused or unreachable: it cannot act on a request. */
	kill(s->qemu, SIGKILL);
	return SIGTERM;
}

/*
 * Wait until QMP answers, or the guest has run (it spoke on the control
 * channel, control_fd) and already ended: 0, or -1 with the reason.
 */
static int wait_for_qmp(const struct monitor *m, pid_t qemu, int control_fd, char *error,
			size_t len)
{
	long deadline = process_now_ms() + START_TIMEOUT_MS;
	const struct timespec pause = {0, POLL_MS * 1000000L};
	char qmp[4096], state[32];

	monitor_path(qmp, sizeof(qmp), m->dir, "qmp.sock");
	while (process_now_ms() < deadline) {
		siginfo_t info = {0};

		if (!access(qmp, F_OK) && !qmp_run_state(qmp, state, sizeof(state), error, len))
			return 0;
		/* Look, without reaping: the session reaps QEMU and reads its status. */
		if (!waitid(P_PID, qemu, &info, WEXITED | WNOHANG | WNOWAIT) && info.si_pid == qemu) {
			char c;

			if (recv(control_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 1)
				return 0;
			snprintf(error, len, "QEMU exited as it started (see its messages on stderr)");
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	snprintf(error, len, "QEMU did not answer on QMP within %d s", START_TIMEOUT_MS / 1000);
	return -1;
}

/* A monitor without a guest holds its directory until SIGTERM. */
static int idle(const struct monitor *m, int ready_fd, const sigset_t *stop)
{
	int signo;

	write_file(m->dir, "monitor.pid", "%d\n", (int)getpid());
	dprintf(ready_fd, "ok\n");
	close(ready_fd);
	sigwait(stop, &signo);
	write_file(m->dir, "status", "0\n");
	return 0;
}

/* The monitor process: returns the guest's status. */
static int monitor_main(const struct monitor *m, int ready_fd)
{
	static struct session s;
	char path[4096], qmp[4096], qemu_qmp[108], error[512];
	int channel[2], lock, status, qmp_dir;
	bool started;
	const char *message;
	enum wait_result r;
	sigset_t stop;

	monitor_path(path, sizeof(path), m->dir, "lock");
	lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB)) {
		dprintf(ready_fd, "error %s is in use\n", m->dir);
		return 1;
	}
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	if (!m->cfg)
		return idle(m, ready_fd, &stop);
	s = (struct session){.signal_fd = signalfd(-1, &stop, SFD_CLOEXEC),
			     .on_signal = on_signal,
			     .owner = (void *)m,
			     .relay = m->relay,
			     .timeout_ms = m->timeout > 0 ? (int)(m->timeout * 1000) : -1};
	monitor_path(qmp, sizeof(qmp), m->dir, "qmp.sock");
	unlink(qmp);
	if (qmp_socket_path(qmp, qemu_qmp, sizeof(qemu_qmp), &qmp_dir, true)) {
		dprintf(ready_fd, "error cannot reach %s: %s\n", m->dir, strerror(errno));
		return 1;
	}
	m->cfg->qmp = qemu_qmp;
	if (s.signal_fd < 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel)) {
		dprintf(ready_fd, "error cannot set the monitor up: %s\n", strerror(errno));
		return 1;
	}
	fcntl(channel[1], F_SETFD, 0); /* QEMU's end */
	m->cfg->control_fd = channel[1];
	s.control_fd = channel[0];
	s.qemu = process_spawn(vm_qemu_argv(m->cfg), false, m->relay ? m->relay->guest_end : -1);
	close(channel[1]);
	if (qmp_dir >= 0)
		close(qmp_dir);
	if (m->relay)
		close(m->relay->guest_end);
	if (s.qemu < 0) {
		dprintf(ready_fd, "error cannot start %s: %s\n", m->cfg->qemu, strerror(errno));
		return 1;
	}
	write_file(m->dir, "monitor.pid", "%d\n", (int)getpid());
	write_file(m->dir, "qemu.pid", "%d\n", (int)s.qemu);
	started = !wait_for_qmp(m, s.qemu, s.control_fd, error, sizeof(error));
	dprintf(ready_fd, started ? "ok\n" : "error %s\n", error);
	close(ready_fd);
	r = session_run(&s);
	if (!started) {
		status = VM_STATUS_START_FAILED; /* QEMU's own exit status means nothing here */
	} else if (r == WAIT_TIMED_OUT) {
		fprintf(stderr, "tessera: timed out after %g s; the VM was stopped\n", m->timeout);
		status = VM_STATUS_TIMEOUT;
	} else if (r == WAIT_ERROR) {
		fprintf(stderr, "tessera: waiting for QEMU failed: %s\n", strerror(errno));
		status = 1;
	} else {
		status = vm_exit_status(vm_parse_control(s.control), s.wait_status, s.stop_signal,
					&message);
		if (message)
			fprintf(stderr, "tessera: %s\n", message);
	}
	write_file(m->dir, "status", "%d\n", status);
	return status;
}

pid_t monitor_start(const struct monitor *m, char *error, size_t error_len)
{
	char report[512] = "";
	int ready[2];
	ssize_t n;
	pid_t pid;

	if (pipe2(ready, O_CLOEXEC)) {
		snprintf(error, error_len, "cannot create a pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL); /* what we buffered is ours to write, not the monitor's too */
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		if (m->setup)
			m->setup(m);
		exit(monitor_main(m, ready[1]));
	}
	close(ready[1]);
	if (pid < 0) {
		snprintf(error, error_len, "cannot start a monitor: %s", strerror(errno));
		close(ready[0]);
		return -1;
	}
	do
		n = read(ready[0], report, sizeof(report) - 1);
	while (n < 0 && errno == EINTR);
	close(ready[0]);
	report[n > 0 ? n : 0] = '\0';
	report[strcspn(report, "\n")] = '\0';
	if (!strcmp(report, "ok"))
		return pid;
	/* The monitor, if still there, records how QEMU ended. */
	if (!strncmp(report, "error ", 6))
		snprintf(error, error_len, "%s", report + 6);
	else
		snprintf(error, error_len, "the monitor ended before QEMU started");
	return -1;
}
