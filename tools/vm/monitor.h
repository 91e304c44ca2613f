/*
 * A monitor owns one guest for its whole life, apart from whoever started
 * it: the instances of `tessera run -d` and tessera-runtime's containers.
 * It starts QEMU, relays stdin, turns SIGTERM into the guest's stop request,
 * and ends with the guest's exit status, which it also records.  Its
 * directory holds:
 *
 *   lock         locked by the monitor while it lives ("running" = locked)
 *   monitor.pid  the monitor's process id
 *   qemu.pid     QEMU's
 *   qmp.sock     QEMU's QMP socket
 *   status       the guest's exit status (a decimal number), once it ended
 */
#ifndef TESSERA_VM_MONITOR_H
#define TESSERA_VM_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "vm.h"

struct stdin_relay;

struct monitor {
	const char *dir;
	/* Its control_fd and qmp are the monitor's to set; NULL: no guest, the
	 * monitor only holds the directory until SIGTERM (status 0). */
	struct vm_config *cfg;
	struct stdin_relay *relay; /* NULL: QEMU keeps the monitor's stdin */
	double timeout;            /* seconds; 0: none */
	/* In the monitor process, before anything else (may be NULL): */
	void (*setup)(const struct monitor *m);
};

/*
 * Fork the monitor and wait until its QEMU is up (QMP answers).  Returns
 * the monitor's pid, or -1 with a one-line reason in error.  The monitor
 * runs with our stdio (setup may change that) and exits with the guest's
 * status; the caller reaps it, or leaves that to a subreaper.
 */
pid_t monitor_start(const struct monitor *m, char *error, size_t error_len);

/* "DIR/name" in buf. */
void monitor_path(char *buf, size_t len, const char *dir, const char *name);
bool monitor_alive(const char *dir);
/* The guest's exit status once recorded, else -1. */
int monitor_status(const char *dir);
/* A pid recorded in the directory ("qemu.pid", "monitor.pid"), else -1. */
pid_t monitor_pid(const char *dir, const char *name);
/* Ask the guest to stop, as SIGTERM asks a process; SIGKILL if it cannot be asked. */
int monitor_stop(const char *dir);
/* End the guest at once (its status: 137, as a killed process). */
int monitor_kill(const char *dir);
/* Remove the directory and everything in it (the monitor must have ended): 0 or -1. */
int monitor_remove(const char *dir);
/* Wait up to timeout_ms (negative: forever) for the monitor to end: 0, or -1 on timeout. */
int monitor_wait(const char *dir, int timeout_ms);

#endif
