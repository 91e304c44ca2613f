/*
 * Identity: one process (pid 1, its own group and session) running as root.
 * Changes of user or group are accepted and remembered, as root may make
 * them; they change nothing else in a single-user machine.
 */
#include <errno.h>
#include <tessera/process.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

static uint32_t ruid, euid, suid, rgid, egid, sgid;

void process_get_ids(uint32_t uid[3], uint32_t gid[3])
{
	uid[0] = ruid;
	uid[1] = euid;
	uid[2] = suid;
	gid[0] = rgid;
	gid[1] = egid;
	gid[2] = sgid;
}

SYSCALL_DEFINE0(getpid)
{
	return process_pid();
}

/* Process 1 was started by the kernel, as init is: its parent is 0. */
SYSCALL_DEFINE0(getppid)
{
	return process_ppid();
}

SYSCALL_DEFINE0(getuid)
{
	return ruid;
}

SYSCALL_DEFINE0(geteuid)
{
	return euid;
}

SYSCALL_DEFINE0(getgid)
{
	return rgid;
}

SYSCALL_DEFINE0(getegid)
{
	return egid;
}

static void set_ids(uint32_t *r, uint32_t *e, uint32_t *s, int32_t nr, int32_t ne, int32_t ns)
{
	if (nr != -1)
		*r = nr;
	if (ne != -1)
		*e = ne;
	if (ns != -1)
		*s = ns;
}

SYSCALL_DEFINE3(setresuid, int32_t, r, int32_t, e, int32_t, s)
{
	set_ids(&ruid, &euid, &suid, r, e, s);
	return 0;
}

SYSCALL_DEFINE3(setresgid, int32_t, r, int32_t, e, int32_t, s)
{
	set_ids(&rgid, &egid, &sgid, r, e, s);
	return 0;
}

SYSCALL_DEFINE1(setuid, int32_t, uid)
{
	return sys_setresuid(uid, uid, uid);
}

SYSCALL_DEFINE1(setgid, int32_t, gid)
{
	return sys_setresgid(gid, gid, gid);
}

SYSCALL_DEFINE2(setreuid, int32_t, r, int32_t, e)
{
	return sys_setresuid(r, e, -1);
}

SYSCALL_DEFINE2(setregid, int32_t, r, int32_t, e)
{
	return sys_setresgid(r, e, -1);
}

static long get_three(uint32_t a, uint32_t b, uint32_t c, uint32_t *ua, uint32_t *ub,
		      uint32_t *uc)
{
	return copy_to_user(ua, &a, 4) ?: copy_to_user(ub, &b, 4) ?: copy_to_user(uc, &c, 4);
}

SYSCALL_DEFINE3(getresuid, uint32_t *, r, uint32_t *, e, uint32_t *, s)
{
	return get_three(ruid, euid, suid, r, e, s);
}

SYSCALL_DEFINE3(getresgid, uint32_t *, r, uint32_t *, e, uint32_t *, s)
{
	return get_three(rgid, egid, sgid, r, e, s);
}

SYSCALL_DEFINE1(setfsuid, int32_t, uid)
{
	(void)uid;
	return euid;
}

SYSCALL_DEFINE1(setfsgid, int32_t, gid)
{
	(void)gid;
	return egid;
}

SYSCALL_DEFINE2(getgroups, int, size, uint32_t *, list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0; /* no supplementary groups */
}

SYSCALL_DEFINE2(setgroups, int, size, const uint32_t *, list)
{
	(void)list;
	return size < 0 || size > 65536 ? -EINVAL : 0;
}

/*
 * Process groups and sessions, as Linux keeps them; process 1 leads the
 * first of each.  There is no terminal to share, so no job control.
 */
static struct process *target(int pid)
{
	return pid == 0 ? process_current() : process_find(pid);
}

struct group_search {
	int pgid, sid; /* sid 0: any session */
	bool found;
};

static void find_group(struct process *p, void *ctx)
{
	struct group_search *g = ctx;

	if (p->pgid == g->pgid && (!g->sid || p->sid == g->sid))
		g->found = true;
}

/* Does a process of session sid (0: any) belong to group pgid? */
static bool group_exists(int pgid, int sid)
{
	struct group_search g = {pgid, sid, false};

	process_for_each(find_group, &g);
	return g.found;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct process *p = target(pid);

	return p ? p->pgid : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return process_current()->pgid;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct process *self = process_current(), *p = target(pid);

	if (pgid < 0)
		return -EINVAL;
	/* Only the caller or one of its children may be moved. */
	if (!p || (p != self && p->parent != self))
		return -ESRCH;
	if (p->sid != self->sid || p->pid == p->sid)
		return -EPERM;
	if (pgid == 0)
		pgid = p->pid;
	if (pgid != p->pid && !group_exists(pgid, self->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct process *p = target(pid);

	return p ? p->sid : -ESRCH;
}

/* A process whose id names a group (as leader, or a group outliving it) cannot start a session. */
SYSCALL_DEFINE0(setsid)
{
	struct process *self = process_current();

	if (group_exists(self->pid, 0))
		return -EPERM;
	self->pgid = self->sid = self->pid;
	return self->pid;
}
