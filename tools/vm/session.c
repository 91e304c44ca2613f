/*
 * The launcher's one event loop while a guest runs: QEMU's exit (a pidfd),
 * the control channel (a socket whose lines say "stdin-ready", "exit N" or
 * "crash N"), after "stdin-ready" the stdin relay, and, for a monitor, the
 * signals that ask the guest to stop.  Input is held back until the guest is
 * ready because its UART loses what arrives before its FIFO is set up.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include "session.h"
#include "stdin_relay.h"

enum { WATCH_QEMU, WATCH_CONTROL, WATCH_RELAY, WATCH_SIGNALS, NR_WATCHES };

static void read_control(struct session *s, size_t *used, bool *closed)
{
	size_t len = sizeof(s->control);
	ssize_t n = read(s->control_fd, s->control + *used, len - 1 - *used);

	if (n <= 0) {
		*closed = n == 0 || errno != EINTR;
		return;
	}
	*used += n;
	s->control[*used] = '\0';
	if (*used == len - 1) { /* keep the latest lines */
		memmove(s->control, s->control + len / 2, *used - len / 2 + 1);
		*used -= len / 2;
	}
}

static void read_signal(struct session *s)
{
	struct signalfd_siginfo info;
	int stop;

	if (read(s->signal_fd, &info, sizeof(info)) != sizeof(info))
		return;
	stop = s->on_signal(s, (int)info.ssi_signo);
	if (stop)
		s->stop_signal = stop;
}

enum wait_result session_run(struct session *s)
{
	int qemu = pidfd_open(s->qemu, 0);
	long deadline = process_now_ms() + s->timeout_ms;
	struct pollfd watch[NR_WATCHES];
	bool control_closed = false, passed_on = false;
	size_t used = 0;

	s->control[0] = '\0';
	if (qemu < 0)
		return WAIT_ERROR;
	for (;;) {
		long left = s->timeout_ms < 0 ? -1 : deadline - process_now_ms();
		int n;

		watch[WATCH_QEMU] = (struct pollfd){.fd = qemu, .events = POLLIN};
		watch[WATCH_CONTROL] =
			(struct pollfd){.fd = control_closed ? -1 : s->control_fd, .events = POLLIN};
		watch[WATCH_RELAY] = (struct pollfd){.fd = -1};
		if (s->relay && strstr(s->control, "stdin-ready"))
			watch[WATCH_RELAY].events =
				stdin_relay_events(s->relay, &watch[WATCH_RELAY].fd);
		watch[WATCH_SIGNALS] = (struct pollfd){.fd = s->signal_fd, .events = POLLIN};
		n = s->timeout_ms >= 0 && left <= 0 ? 0 : poll(watch, NR_WATCHES, (int)left);
		if (n == 0) {
			kill(s->qemu, SIGKILL);
			waitpid(s->qemu, &s->wait_status, 0);
			close(qemu);
			return WAIT_TIMED_OUT;
		}
		if (n < 0 && errno != EINTR)
			break;
		if (n < 0) {
			/* Ctrl-C: QEMU stops too, whether or not the signal reached it as well. */
			if (process_interrupted() && !passed_on) {
				kill(s->qemu, SIGTERM);
				passed_on = true;
			}
			continue;
		}
		if (watch[WATCH_CONTROL].revents)
			read_control(s, &used, &control_closed);
		if (watch[WATCH_RELAY].revents)
			stdin_relay_service(s->relay);
		if (watch[WATCH_SIGNALS].revents)
			read_signal(s);
		if (watch[WATCH_QEMU].revents) {
			while (!control_closed) /* what QEMU said last is still in the socket */
				read_control(s, &used, &control_closed);
			close(qemu);
			return waitpid(s->qemu, &s->wait_status, 0) == s->qemu ? WAIT_EXITED
										: WAIT_ERROR;
		}
	}
	close(qemu);
	return WAIT_ERROR;
}
