/*
 * Placing the guest in the container's cgroup (linux.cgroupsPath), so that
 * `ctr task metrics` and the kubelet see what the VM really uses: QEMU and
 * its monitor join the path in every mounted hierarchy (cgroup v1
 * controllers, the v2 unified tree, or both in hybrid mode).  No limit is
 * written: the memory limit becomes the guest's memory instead, and QEMU's
 * own overhead is for the pod's overhead (RuntimeClass) to cover.
 */
#ifndef TESSERA_RUNTIME_CGROUP_H
#define TESSERA_RUNTIME_CGROUP_H

#include <sys/types.h>

/* Move pid into path (created as needed): 0, or -1 with a reason in error. */
int cgroup_join(const char *path, pid_t pid, char *error, size_t len);
/* Remove path's leaf directory in every hierarchy (it must be empty). */
void cgroup_remove(const char *path);

#endif
