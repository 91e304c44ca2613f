/*
 * QEMU's machine protocol (QMP) on a unix socket: one command per
 * connection, so that independent callers (a monitor, `tessera stop`, the
 * OCI runtime's start/pause/kill) never hold the socket for one another.
 */
#ifndef TESSERA_VM_QMP_H
#define TESSERA_VM_QMP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define QMP_TIMEOUT_MS 10000

/*
 * Run command (with arguments args, or NULL; args is stolen) on the QMP
 * socket at path.  Returns 0 and, when result is not NULL, the command's
 * "return" value (the caller frees it); or -1 with a one-line reason in error.
 */
int qmp_execute(const char *path, const char *command, json_t *args, json_t **result,
		char *error, size_t error_len);

/*
 * A unix socket's path must fit in sockaddr_un (108 bytes); a longer one
 * (containerd's state directories are deep) is reached through its
 * directory, opened: "/proc/self/fd/N/NAME" into buf, with *dir_fd = N to
 * close after use (-1 when the path was short enough).  inherited: the
 * directory stays open across exec, for QEMU to create the socket by it.
 */
int qmp_socket_path(const char *path, char *buf, size_t len, int *dir_fd, bool inherited);

/* QEMU's run state ("running", "paused", "prelaunch", ...) in buf; -1 with error on failure. */
int qmp_run_state(const char *path, char *buf, size_t len, char *error, size_t error_len);

#endif
