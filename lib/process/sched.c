/*
 * The scheduling syscalls.  One CPU: affinity masks are {0}.  Policies and
 * priorities are checked as Linux checks them and remembered per thread,
 * but the scheduler treats every thread alike (see lib/sched_preempt).
 */
#include <errno.h>
#include <linux/sched.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define MAX_RT_PRIO 99
#define KEEP_POLICY -1 /* sched_setparam */

struct sched_param_abi {
	int priority;
};

SYSCALL_DEFINE0(sched_yield)
{
	thread_yield();
	return 0;
}

static bool real_time(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* The policies sched_setscheduler may set (SCHED_DEADLINE needs sched_setattr). */
static bool settable(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE ||
	       real_time(policy);
}

static long set_scheduler(int pid, int policy, const struct sched_param_abi *param)
{
	struct sched_param_abi p;
	struct task *t;

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&p, param, sizeof(p)))
		return -EFAULT;
	t = task_find(pid);
	if (!t)
		return -ESRCH;
	if (policy == KEEP_POLICY)
		policy = t->policy & ~SCHED_RESET_ON_FORK;
	else if (!settable(policy & ~SCHED_RESET_ON_FORK))
		return -EINVAL;
	if ((unsigned int)p.priority > MAX_RT_PRIO ||
	    real_time(policy & ~SCHED_RESET_ON_FORK) != (p.priority != 0))
		return -EINVAL;
	t->policy = policy;
	t->priority = p.priority;
	return 0;
}

SYSCALL_DEFINE3(sched_setscheduler, int, pid, int, policy, const struct sched_param_abi *,
		param)
{
	return policy < 0 ? -EINVAL : set_scheduler(pid, policy, param);
}

SYSCALL_DEFINE2(sched_setparam, int, pid, const struct sched_param_abi *, param)
{
	return set_scheduler(pid, KEEP_POLICY, param);
}

SYSCALL_DEFINE1(sched_getscheduler, int, pid)
{
	struct task *t;

	if (pid < 0)
		return -EINVAL;
	t = task_find(pid);
	return t ? t->policy : -ESRCH;
}

SYSCALL_DEFINE2(sched_getparam, int, pid, struct sched_param_abi *, param)
{
	struct sched_param_abi p;
	struct task *t;

	if (!param || pid < 0)
		return -EINVAL;
	t = task_find(pid);
	if (!t)
		return -ESRCH;
	p.priority = t->priority;
	return copy_to_user(param, &p, sizeof(p));
}

/* SCHED_FIFO and SCHED_RR have 1..99; the others only 0. */
SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	if (!settable(policy) && policy != SCHED_DEADLINE)
		return -EINVAL;
	return real_time(policy) ? MAX_RT_PRIO : 0;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	if (!settable(policy) && policy != SCHED_DEADLINE)
		return -EINVAL;
	return real_time(policy) ? 1 : 0;
}

/* One CPU: the mask is one unsigned long with bit 0. */
SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, unsigned long *, mask)
{
	unsigned long cpu0 = 1;

	if (len < sizeof(cpu0) || len % sizeof(cpu0))
		return -EINVAL;
	if (!task_find(pid))
		return -ESRCH;
	return copy_to_user(mask, &cpu0, sizeof(cpu0)) ?: (long)sizeof(cpu0);
}

SYSCALL_DEFINE3(sched_setaffinity, int, pid, unsigned int, len, const unsigned long *, mask)
{
	unsigned long wanted = 0;

	if (copy_from_user(&wanted, mask, MIN(len, sizeof(wanted))))
		return -EFAULT;
	if (!task_find(pid))
		return -ESRCH;
	return wanted & 1 ? 0 : -EINVAL;
}
