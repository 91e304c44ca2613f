/*
 * A container's state, under the runtime's root (--root): ROOT/ID/ holds
 * the files of the monitor that owns its guest (tools/vm/monitor.h) and
 * state.json, what `create` learnt that later commands need.  Whether the
 * container still runs is whether its monitor does (monitor_alive), so a
 * crashed monitor never leaves a container that claims to run.
 */
#ifndef TESSERA_RUNTIME_CONTAINER_H
#define TESSERA_RUNTIME_CONTAINER_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#define CONTAINER_ID_MAX 1024

/* Where it is in its life while its monitor runs; "stopped" comes from the monitor's end. */
enum container_phase { PHASE_CREATED, PHASE_RUNNING, PHASE_PAUSED };

struct container {
	char id[CONTAINER_ID_MAX];
	char dir[PATH_MAX];
	char bundle[PATH_MAX];
	char rootfs[PATH_MAX];
	char created[64];       /* RFC 3339 */
	char cgroups_path[PATH_MAX]; /* "" when none */
	enum container_phase phase;
	bool sandbox;           /* a pod's placeholder: no guest, no QMP */
};

/* The runtime's root directory (--root). */
extern const char *runtime_root;

/* As runc: letters, digits, '_', '+', '-', '.'; fails the command otherwise. */
void container_check_id(const char *id);
/* Fill c for an existing container: 0, or -1 when there is none. */
int container_find(struct container *c, const char *id);
/* Fill c for a new one and create its directory; fails the command if it exists. */
void container_new(struct container *c, const char *id);
/* Remove its directory and everything in it. */
void container_remove(const struct container *c);
/* Write state.json (atomically). */
void container_save(const struct container *c);
/* "created", "running", "paused" or "stopped". */
const char *container_status(const struct container *c);
bool container_alive(const struct container *c);
/* The container's init process (its monitor), or 0 once stopped. */
pid_t container_pid(const struct container *c);
/* QMP socket path into buf. */
void container_qmp(const struct container *c, char *buf, size_t len);

#endif
