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

/* The first ended child matching pid (-1 or 0: any; > 0: that one; < -1: group -pid). */
static struct process *find_child(struct process *parent, int pid)
{
	struct process *c;

	list_for_each_entry(c, &parent->children, sibling) {
		if (pid <= 0 || c->pid == pid)
			return c;
	}
	return NULL;
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
	c = find_child(process_current(), pid);
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
	struct process *c;

	(void)rusage;
	if ((options & ~WAIT_OPTIONS) || !(options & (WEXITED | WSTOPPED | WCONTINUED)) ||
	    which < P_ALL || which > P_PIDFD)
		return -EINVAL;
	c = find_child(process_current(), which == P_PID ? id : -1);
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
