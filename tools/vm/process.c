/*
 * Child processes with deadlines.  A pidfd turns "wait for the child or the
 * deadline" into one poll().  A child is killed when its parent dies.  SIGINT
 * from the terminal reaches QEMU too (same process group), which stops the
 * VM; here it is only recorded.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
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

/* In the child: become the program, or report why not through err_fd. */
static __attribute__((noreturn)) void exec_child(char *const argv[], bool quiet, int stdin_fd,
						 pid_t parent, int err_fd)
{
	sigset_t none;
	int err;

	/* The child dies with its parent: a killed launcher or monitor leaves no QEMU behind. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(127);
	if (quiet) {
		int null = open("/dev/null", O_RDWR);

		for (int fd = 0; fd <= 2; fd++)
			dup2(null, fd);
	}
	if (stdin_fd >= 0)
		dup2(stdin_fd, 0);
	/* The child starts with default signal handling, whatever ours is. */
	signal(SIGINT, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(argv[0], argv, environ);
	err = errno;
	if (write(err_fd, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

pid_t process_spawn(char *const argv[], bool quiet, int stdin_fd)
{
	pid_t parent = getpid(), pid;
	int report[2], err;

	if (pipe2(report, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0)
		exec_child(argv, quiet, stdin_fd, parent, report[1]);
	close(report[1]);
	if (pid > 0 && read(report[0], &err, sizeof(err)) == sizeof(err)) {
		waitpid(pid, NULL, 0);
		errno = err;
		pid = -1;
	}
	close(report[0]);
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
