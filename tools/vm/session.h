/* Watching a running guest (session.c). */
#ifndef TESSERA_VM_SESSION_H
#define TESSERA_VM_SESSION_H

#include <stddef.h>
#include <sys/types.h>
#include "process.h"

struct stdin_relay;

struct session {
	pid_t qemu;
	int timeout_ms;             /* negative: none; QEMU is killed when it passes */
	int control_fd;             /* the control channel's read end */
	struct stdin_relay *relay;  /* NULL: no stdin for the guest */
	int signal_fd;              /* -1, or a signalfd whose signals ask the guest to stop */
	/* Called for each such signal; returns the signal that ends the guest, or 0. */
	int (*on_signal)(struct session *s, int signo);
	void *owner;                /* for on_signal */
	/* What happened: */
	char control[4096];         /* the control channel's latest lines, NUL-terminated */
	int wait_status;            /* QEMU's, from waitpid() */
	int stop_signal;            /* what on_signal last returned */
};

/*
 * Wait for QEMU to end, reading the control channel and, once the guest
 * says "stdin-ready", feeding it stdin through the relay.
 */
enum wait_result session_run(struct session *s);

#endif
