/*
 * Resource limits and usage, per process (a child's changes are its own).
 * RLIMIT_NOFILE is the descriptor table's real limit; the others are remembered and reported, as nothing here enforces
 * them (the stack is reserved at 8 MiB, RLIMIT_STACK's default).
 */
#include <errno.h>
#include <linux/resource.h>
#include <linux/times.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/fdtable.h>
#include <tessera/mm.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include <tessera/process.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define CLK_TCK 100

#define INF RLIM64_INFINITY

/* Linux's defaults for a root process. */
static const struct rlimit64 default_limits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = {INF, INF},
	[RLIMIT_FSIZE] = {INF, INF},
	[RLIMIT_DATA] = {INF, INF},
	[RLIMIT_STACK] = {8UL << 20, INF},
	[RLIMIT_CORE] = {0, INF},
	[RLIMIT_RSS] = {INF, INF},
	[RLIMIT_NPROC] = {63568, 63568},
	[RLIMIT_NOFILE] = {FD_LIMIT_DEFAULT, FD_LIMIT_HARD},
	[RLIMIT_MEMLOCK] = {8UL << 20, 8UL << 20},
	[RLIMIT_AS] = {INF, INF},
	[RLIMIT_LOCKS] = {INF, INF},
	[RLIMIT_SIGPENDING] = {63568, 63568},
	[RLIMIT_MSGQUEUE] = {819200, 819200},
	[RLIMIT_NICE] = {0, 0},
	[RLIMIT_RTPRIO] = {0, 0},
	[RLIMIT_RTTIME] = {INF, INF},
};

/* The first process starts with the defaults; a child with its parent's (a copy: its own). */
static int limits_init(void)
{
	memcpy(process_current()->inherited.limits, default_limits, sizeof(default_limits));
	return 0;
}
INITCALL(limits_init, INIT_LIB);

int process_get_rlimit(unsigned int resource, uint64_t *cur, uint64_t *max)
{
	const struct rlimit64 *limits = process_current()->inherited.limits;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	*cur = limits[resource].rlim_cur;
	*max = limits[resource].rlim_max;
	return 0;
}

static long set_limit(unsigned int resource, const struct rlimit64 *new)
{
	struct rlimit64 *limits = process_current()->inherited.limits;

	if (new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new->rlim_max > limits[resource].rlim_max)
		return -EPERM; /* even root cannot raise past the hard maximum here */
	if (resource == RLIMIT_NOFILE) {
		long err = fd_set_limit(new->rlim_cur > FD_LIMIT_HARD ? FD_LIMIT_HARD : new->rlim_cur);

		if (err)
			return err;
	}
	limits[resource] = *new;
	return 0;
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource, const struct rlimit64 *, new_limit,
		struct rlimit64 *, old_limit)
{
	struct rlimit64 old, lim;

	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	old = process_current()->inherited.limits[resource];
	if (new_limit) {
		long err = copy_from_user(&lim, new_limit, sizeof(lim)) ?: set_limit(resource, &lim);

		if (err)
			return err;
	}
	return old_limit ? copy_to_user(old_limit, &old, sizeof(old)) : 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 *, rlim)
{
	return sys_prlimit64(0, resource, NULL, rlim);
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 *, rlim)
{
	return sys_prlimit64(0, resource, rlim, NULL);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage *, user)
{
	struct rusage ru;
	struct mm_stats mm;
	uint64_t ns = cpu_time_ns();

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	memset(&ru, 0, sizeof(ru));
	if (who != RUSAGE_CHILDREN) {
		mm_get_stats(&mm);
		/* All the CPU's work is the process's: count it as user time. */
		ru.ru_utime.tv_sec = ns / NSEC_PER_SEC;
		ru.ru_utime.tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC;
		ru.ru_maxrss = mm.resident_pages * 4;
		ru.ru_minflt = mm.page_faults;
	}
	return copy_to_user(user, &ru, sizeof(ru));
}

SYSCALL_DEFINE1(times, struct tms *, user)
{
	long ticks = plat_clock_ns() / (NSEC_PER_SEC / CLK_TCK);
	struct tms t = {.tms_utime = cpu_time_ns() / (NSEC_PER_SEC / CLK_TCK)};

	if (user && copy_to_user(user, &t, sizeof(t)))
		return -EFAULT;
	return ticks;
}
