/*
 * Nice values: getpriority and setpriority over processes, groups and the
 * user, and sched_rr_get_interval.  The cooperative scheduler does not
 * weigh threads by nice value yet; the value is kept per process (a child
 * inherits it) and reported back, in /proc/self/stat too, as Linux does.
 */
#include <errno.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/time_types.h>
#include <tessera/process.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define NICE_MIN      (-20)
#define NICE_MAX      19
#define RR_TIMESLICE_NS 100000000 /* SCHED_RR's quantum, as Linux's RR_TIMESLICE */

int process_nice(void)
{
	return process_current()->inherited.nice;
}

struct prio_search {
	int which, who;
	bool set;
	int nice;  /* set: the new value; get: the most favoured found */
	bool found;
};

static bool matches(const struct process *p, int which, int who)
{
	uint32_t uid[3], gid[3];

	switch (which) {
	case PRIO_PROCESS:
		return p->pid == who;
	case PRIO_PGRP:
		return p->pgid == who;
	default: /* PRIO_USER: every process runs as the one user */
		process_get_ids(uid, gid);
		return (uint32_t)who == uid[0];
	}
}

static void visit(struct process *p, void *ctx)
{
	struct prio_search *s = ctx;

	if (!matches(p, s->which, s->who))
		return;
	if (s->set)
		p->inherited.nice = s->nice;
	else if (!s->found || p->inherited.nice < s->nice)
		s->nice = p->inherited.nice;
	s->found = true;
}

/* Who 0 means the caller's own process, group or user. */
static int search(int which, int who, struct prio_search *s)
{
	uint32_t uid[3], gid[3];
	struct process *self = process_current();

	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	if (!who) {
		process_get_ids(uid, gid);
		who = which == PRIO_PROCESS ? self->pid : which == PRIO_PGRP ? self->pgid : (int)uid[0];
	}
	s->which = which;
	s->who = who;
	process_for_each(visit, s);
	return s->found ? 0 : -ESRCH;
}

/* The raw call returns 20 - nice (1..40), so that no success is negative. */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct prio_search s = {.set = false};
	int err = search(which, who, &s);

	return err ? err : 20 - s.nice;
}

/* Out-of-range values are clamped, as on Linux; root may also lower them. */
SYSCALL_DEFINE3(setpriority, int, which, int, who, int, nice)
{
	struct prio_search s = {.set = true, .nice = MIN(MAX(nice, NICE_MIN), NICE_MAX)};

	return search(which, who, &s);
}

/* SCHED_RR threads get Linux's quantum; the others run until they block or yield: 0. */
SYSCALL_DEFINE2(sched_rr_get_interval, int, pid, struct __kernel_timespec *, interval)
{
	struct __kernel_timespec ts = {0, 0};
	long policy;

	if (pid < 0)
		return -EINVAL;
	policy = sys_sched_getscheduler(pid);
	if (policy < 0)
		return policy;
	if (policy == SCHED_RR)
		ts.tv_nsec = RR_TIMESLICE_NS;
	return copy_to_user(interval, &ts, sizeof(ts));
}
