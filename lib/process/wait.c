/*
 * Waiting for children.  A child has always ended by the time fork returns
 * in its parent (see proc.c), so waiting never blocks: a matching child is
 * there to collect, or there is none (ECHILD), or none matches yet (WNOHANG).
 */
#include <errno.h>
#include <linux/wait.h>
#include <tessera/alloc.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define WAIT_OPTIONS (WNOHANG | WUNTRACED | WCONTINUED | WEXITED | WSTOPPED | WNOWAIT | \
		      __WNOTHREAD | __WALL | __WCLONE)

/* Which children a wait selects: waitid's idtype (P_ALL, P_PID, P_PGID) and id (P_PIDFD: its pid). */
static bool matches(const struct process *c, int idtype, int id)
{
	return idtype == P_ALL || (idtype == P_PID && c->pid == id) ||
	       (idtype == P_PGID && c->pgid == id);
}

/* The first ended child selected, if any. */
static struct process *find_child(struct process *parent, int idtype, int id)
{
	struct process *c;

	list_for_each_entry(c, &parent->children, sibling) {
		if (matches(c, idtype, id))
			return c;
	}
	return NULL;
}

/* wait4's pid: -1 any child, > 0 that one, 0 the caller's group, < -1 group -pid. */
static struct process *find_wait4_child(struct process *parent, int pid)
{
	if (pid == -1)
		return find_child(parent, P_ALL, 0);
	if (pid > 0)
		return find_child(parent, P_PID, pid);
	return find_child(parent, P_PGID, pid == 0 ? parent->pgid : -pid);
}

static const char no_usage[144]; /* sizeof(struct rusage) */

static void reap(struct process *c)
{
	list_del(&c->sibling);
	alloc_free(alloc_default(), c);
}

SYSCALL_DEFINE4(wait4, int, pid, int *, status, int, options, void *, rusage)
{
	struct process *c;
	int found;

	if (options & ~WAIT_OPTIONS)
		return -EINVAL;
	c = find_wait4_child(process_current(), pid);
	if (!c)
		return -ECHILD;
	if (status && copy_to_user(status, &c->wait_status, sizeof(int)))
		return -EFAULT;
	if (rusage && copy_to_user(rusage, no_usage, sizeof(no_usage)))
		return -EFAULT; /* no per-child accounting: all zero */
	found = c->pid;
	reap(c);
	return found;
}

/* struct siginfo's first fields, as waitid fills them. */
struct wait_siginfo {
	int si_signo, si_errno, si_code, pad;
	int si_pid, si_uid, si_status;
	char rest[128 - 28];
};

#define SIGCHLD 17
#define CLD_EXITED 1

SYSCALL_DEFINE5(waitid, int, which, int, id, struct wait_siginfo *, info, int, options, void *,
		rusage)
{
	struct wait_siginfo si = {0};
	struct process *self = process_current(), *c;

	(void)rusage;
	if ((options & ~WAIT_OPTIONS) || !(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (which == P_PIDFD) {
		id = pidfd_pid(id);
		if (id < 0)
			return id;
		which = P_PID;
	}
	if (which < P_ALL || which > P_PGID || (which == P_PID && id <= 0) ||
	    (which == P_PGID && id < 0))
		return -EINVAL;
	c = find_child(self, which, which == P_PGID && id == 0 ? self->pgid : id);
	if (!c)
		return -ECHILD;
	si = (struct wait_siginfo){.si_signo = SIGCHLD, .si_code = CLD_EXITED, .si_pid = c->pid,
				   .si_status = c->wait_status >> 8};
	if (info && copy_to_user(info, &si, sizeof(si)))
		return -EFAULT;
	if (!(options & WNOWAIT))
		reap(c);
	return 0;
}
