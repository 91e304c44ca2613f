/*
 * Child processes with deadlines.  A pidfd turns "wait for the child or the
 * deadline" into one poll().  SIGINT from the terminal reaches QEMU too (same
 * process group), which stops the VM; here it is only recorded.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "process.h"

extern char **environ;

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

void process_note_interrupts(void)
{
	struct sigaction sa = {.sa_handler = on_interrupt};

	sigaction(SIGINT, &sa, NULL);
}

bool process_interrupted(void)
{
	return interrupted;
}

pid_t process_spawn(char *const argv[], bool quiet, int stdin_fd)
{
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	sigset_t none;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&actions);
	if (quiet) {
		for (int fd = 0; fd <= 2; fd++)
			posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0);
	}
	if (stdin_fd >= 0)
		posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
	/* The child starts with default signal handling, whatever ours is. */
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&attr, &none);
	sigaddset(&none, SIGINT);
	posix_spawnattr_setsigdefault(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	err = posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	if (err) {
		errno = err;
		return -1;
	}
	return pid;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long process_now_ms(void)
{
	return now_ms();
}

enum wait_result process_wait(pid_t pid, int timeout_ms, int *wait_status)
{
	int fd = pidfd_open(pid, 0);
	long deadline = now_ms() + timeout_ms;
	struct pollfd pfd = {.fd = fd, .events = POLLIN};

	if (fd < 0)
		return WAIT_ERROR;
	for (;;) {
		int left = timeout_ms < 0 ? -1 : (int)(deadline - now_ms());
		int n = left < 0 && timeout_ms >= 0 ? 0 : poll(&pfd, 1, left);

		if (n > 0)
			break;
		if (n == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, wait_status, 0);
			close(fd);
			return WAIT_TIMED_OUT;
		}
		if (errno != EINTR) {
			close(fd);
			return WAIT_ERROR;
		}
	}
	close(fd);
	return waitpid(pid, wait_status, 0) == pid ? WAIT_EXITED : WAIT_ERROR;
}
