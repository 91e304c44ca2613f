/* Watching a running guest (session.c). */
#ifndef TESSERA_VM_SESSION_H
#define TESSERA_VM_SESSION_H

#include <sys/types.h>
#include "process.h"

struct stdin_relay;

/*
 * Wait for QEMU (pid) for at most timeout_ms (negative: forever), reading
 * the control channel into control (NUL-terminated, at most len bytes) and,
 * once the guest says "stdin-ready", feeding it stdin through relay (when
 * not NULL).  Kills QEMU on timeout.
 */
enum wait_result session_run(pid_t pid, int timeout_ms, int control_fd, char *control,
			     size_t len, struct stdin_relay *relay, int *wait_status);

#endif
