/*
 * I/O priorities: ioprio_set and ioprio_get, checked as Linux checks them and
 * kept per thread (new threads and forked children inherit them).  Nothing
 * here queues I/O (files are in memory or written through), so they are
 * remembered and reported only.
 */
#include <errno.h>
#include <linux/ioprio.h>
#include <tessera/process.h>
#include <tessera/syscall.h>
#include "proc.h"

/*
 * Linux's ioprio_check_cap (root may take the real-time class).  The data's
 * low 3 bits are the level; the bits above are hints, taken as they are.
 */
static int check(int ioprio)
{
	int level = IOPRIO_PRIO_DATA(ioprio) & (IOPRIO_NR_LEVELS - 1);

	switch (IOPRIO_PRIO_CLASS(ioprio)) {
	case IOPRIO_CLASS_RT:
	case IOPRIO_CLASS_BE:
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return level ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

/* Linux's ioprio_best: the more favoured of two, "none" counting as best-effort's norm. */
static int best(int a, int b)
{
	int norm = IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);

	a = IOPRIO_PRIO_CLASS(a) == IOPRIO_CLASS_NONE ? norm : a;
	b = IOPRIO_PRIO_CLASS(b) == IOPRIO_CLASS_NONE ? norm : b;
	return a < b ? a : b;
}

struct ioprio_search {
	int which, who;
	bool set;
	int ioprio; /* set: the new value; get: the best found so far, or -ESRCH */
	bool found;
};

static bool matches(const struct process *p, const struct ioprio_search *s)
{
	uint32_t uid[3], gid[3];

	if (s->which == IOPRIO_WHO_PGRP)
		return p->pgid == s->who;
	process_get_ids(uid, gid); /* IOPRIO_WHO_USER: every process runs as the one user */
	return (uint32_t)s->who == uid[0];
}

/* Every thread of a matching process, as Linux's do_each_pid_thread. */
static void visit(struct process *p, void *ctx)
{
	struct ioprio_search *s = ctx;
	irq_flags_t flags;
	struct task *t;

	if (!matches(p, s))
		return;
	flags = spin_lock_irqsave(&p->lock);
	list_for_each_entry(t, &p->tasks, link) {
		if (s->set)
			t->ioprio = s->ioprio;
		else
			s->ioprio = s->found ? best(s->ioprio, t->ioprio) : t->ioprio;
		s->found = true;
	}
	spin_unlock_irqrestore(&p->lock, flags);
}

/* IOPRIO_WHO_PROCESS names a thread: of this process, or another process's first. */
static struct task *find_thread(int tid)
{
	struct task *t = task_find(tid);
	struct process *p;

	if (t)
		return t;
	p = process_find(tid);
	return p ? task_find_in(p, tid) : NULL;
}

/* Who 0 means the caller itself, its group or its user. */
static long search(struct ioprio_search *s)
{
	struct process *self = process_current();
	uint32_t uid[3], gid[3];
	struct task *t;

	switch (s->which) {
	case IOPRIO_WHO_PROCESS:
		t = find_thread(s->who);
		if (!t)
			return -ESRCH;
		if (s->set)
			t->ioprio = s->ioprio;
		return s->set ? 0 : t->ioprio;
	case IOPRIO_WHO_PGRP:
		s->who = s->who ?: self->pgid;
		break;
	case IOPRIO_WHO_USER:
		process_get_ids(uid, gid);
		s->who = s->who ?: (int)uid[0];
		break;
	default:
		return -EINVAL;
	}
	process_for_each(visit, s);
	if (!s->found)
		return -ESRCH;
	return s->set ? 0 : s->ioprio;
}

SYSCALL_DEFINE3(ioprio_set, int, which, int, who, int, ioprio)
{
	struct ioprio_search s = {.which = which, .who = who, .set = true, .ioprio = ioprio};
	int err = check(ioprio);

	return err ?: search(&s);
}

SYSCALL_DEFINE2(ioprio_get, int, which, int, who)
{
	struct ioprio_search s = {.which = which, .who = who};

	return search(&s);
}
