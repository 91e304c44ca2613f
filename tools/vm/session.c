/*
 * The launcher's one event loop while a guest runs: QEMU's exit (a pidfd),
 * the control channel (a socket whose lines say "stdin-ready", "exit N" or
 * "crash N"), and, after "stdin-ready", the stdin relay.  Input is held back
 * until then because the guest's UART loses what arrives before its FIFO
 * is set up.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include "session.h"
#include "stdin_relay.h"

enum { WATCH_QEMU, WATCH_CONTROL, WATCH_RELAY, NR_WATCHES };

static void read_control(int fd, char *control, size_t len, size_t *used, bool *closed)
{
	ssize_t n = read(fd, control + *used, len - 1 - *used);

	if (n <= 0) {
		*closed = n == 0 || errno != EINTR;
		return;
	}
	*used += n;
	control[*used] = '\0';
	if (*used == len - 1) { /* keep the latest lines */
		memmove(control, control + len / 2, *used - len / 2 + 1);
		*used -= len / 2;
	}
}

enum wait_result session_run(pid_t pid, int timeout_ms, int control_fd, char *control,
			     size_t len, struct stdin_relay *relay, int *wait_status)
{
	int qemu = pidfd_open(pid, 0);
	long deadline = process_now_ms() + timeout_ms;
	struct pollfd watch[NR_WATCHES];
	bool control_closed = false;
	size_t used = 0;

	control[0] = '\0';
	if (qemu < 0)
		return WAIT_ERROR;
	for (;;) {
		long left = timeout_ms < 0 ? -1 : deadline - process_now_ms();
		int n;

		watch[WATCH_QEMU] = (struct pollfd){.fd = qemu, .events = POLLIN};
		watch[WATCH_CONTROL] =
			(struct pollfd){.fd = control_closed ? -1 : control_fd, .events = POLLIN};
		watch[WATCH_RELAY] = (struct pollfd){.fd = -1};
		if (relay && strstr(control, "stdin-ready"))
			watch[WATCH_RELAY].events = stdin_relay_events(relay, &watch[WATCH_RELAY].fd);
		n = timeout_ms >= 0 && left <= 0 ? 0 : poll(watch, NR_WATCHES, (int)left);
		if (n == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, wait_status, 0);
			close(qemu);
			return WAIT_TIMED_OUT;
		}
		if (n < 0 && errno != EINTR)
			break;
		if (n < 0)
			continue;
		if (watch[WATCH_CONTROL].revents)
			read_control(control_fd, control, len, &used, &control_closed);
		if (watch[WATCH_RELAY].revents)
			stdin_relay_service(relay);
		if (watch[WATCH_QEMU].revents) {
			while (!control_closed) /* what QEMU said last is still in the socket */
				read_control(control_fd, control, len, &used, &control_closed);
			close(qemu);
			return waitpid(pid, wait_status, 0) == pid ? WAIT_EXITED : WAIT_ERROR;
		}
	}
	close(qemu);
	return WAIT_ERROR;
}
