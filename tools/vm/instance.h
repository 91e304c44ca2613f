/*
 * Detached instances: `tessera run -d` starts a guest under a monitor
 * (monitor.h) that outlives the command; ps, logs, stop and rm find it by
 * name.  Each instance is a directory under the state directory:
 *
 *   $TESSERA_STATE_DIR, else /run/tessera for root, else
 *   $XDG_RUNTIME_DIR/tessera, else /tmp/tessera-UID
 *
 * holding the monitor's files, the guest's stdout and stderr (the kernel
 * log included) as files of those names, and "info" (created=, command=).
 */
#ifndef TESSERA_VM_INSTANCE_H
#define TESSERA_VM_INSTANCE_H

#include <limits.h>
#include <stdbool.h>

struct stdin_relay;
struct vm_config;

struct instance {
	char name[72];
	char dir[PATH_MAX];
};

/* The state directory (above); created by instance_create. */
const char *instance_root(void);
/* As docker: a letter or digit, then letters, digits, '_', '.', '-'. */
bool instance_name_valid(const char *name);
/* Fill inst for an existing instance: 0, or -1 when there is none of that name. */
int instance_find(struct instance *inst, const char *name);

/*
 * Claim a new instance: name, or when NULL the first free of base, base-2,
 * base-3...  command is what ps shows.  Dies with one line when the name is
 * malformed or taken.
 */
void instance_create(struct instance *inst, const char *name, const char *base,
		     const char *command);
/*
 * Boot cfg under a monitor in the background; print the instance's name.
 * initrd (may be NULL) is removed once QEMU has read it.  Returns our status.
 */
int instance_detach(struct instance *inst, struct vm_config *cfg, struct stdin_relay *relay,
		    double timeout, const char *initrd);

int cmd_ps(int argc, char *argv[]);
int cmd_logs(int argc, char *argv[]);
int cmd_stop(int argc, char *argv[]);
int cmd_rm(int argc, char *argv[]);

#endif
