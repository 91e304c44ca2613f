/*
 * The time syscalls.  Every clock reads the TSC-based monotonic clock; the
 * realtime ones add the wall-clock offset.  The process's CPU-time clock
 * counts the time the CPU was not idle (a unikernel's one process is all it
 * runs); a thread's, the time the scheduler gave it.
 */
#include <linux/time.h>
#include <linux/time_types.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include <tessera/restart.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/timespec.h>
#include <tessera/uaccess.h>
#include "time_internal.h"

#define CLOCK_TAI 11
#define COARSE_RESOLUTION_NS 4000000 /* as Linux with HZ=250 */

uint64_t cpu_time_ns(void)
{
	return plat_clock_ns() - sched_idle_ns();
}

/* -EINVAL for clocks Linux does not have (negative ids are per-process/thread CPU clocks). */
static int clock_now(__kernel_clockid_t id, uint64_t *ns)
{
	vvar_publish_tsc(); /* from now on, the vDSO can do this without us */
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		*ns = realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = plat_clock_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = cpu_time_ns();
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = thread_cpu_ns(thread_current());
		return 0;
	default:
		if (id < 0) { /* CPU clocks of a pid or thread: there is only us */
			*ns = cpu_time_ns();
			return 0;
		}
		return -EINVAL;
	}
}

static struct __kernel_timespec to_timespec(uint64_t ns)
{
	return (struct __kernel_timespec){ns / NSEC_PER_SEC, ns % NSEC_PER_SEC};
}

SYSCALL_DEFINE2(clock_gettime, __kernel_clockid_t, id, struct __kernel_timespec *, tp)
{
	uint64_t ns;
	int err = clock_now(id, &ns);
	struct __kernel_timespec ts = to_timespec(ns);

	return err ?: copy_to_user(tp, &ts, sizeof(ts));
}

SYSCALL_DEFINE2(clock_getres, __kernel_clockid_t, id, struct __kernel_timespec *, tp)
{
	uint64_t ns;
	int err = clock_now(id, &ns);
	bool coarse = id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE;
	struct __kernel_timespec res = to_timespec(coarse ? COARSE_RESOLUTION_NS : 1);

	if (err || !tp)
		return err;
	return copy_to_user(tp, &res, sizeof(res));
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval *, tv, void *, tz)
{
	uint64_t ns = realtime_ns();
	struct __kernel_old_timeval t = {ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / NSEC_PER_USEC};
	static const struct {
		int minuteswest, dsttime;
	} utc;
	int err = 0;

	if (tv)
		err = copy_to_user(tv, &t, sizeof(t));
	if (!err && tz)
		err = copy_to_user(tz, &utc, sizeof(utc));
	return err;
}

SYSCALL_DEFINE1(time, long *, tloc)
{
	long now = realtime_ns() / NSEC_PER_SEC;

	if (tloc && copy_to_user(tloc, &now, sizeof(now)))
		return -EFAULT;
	return now;
}

static long sleep_restart(struct restart_block *rb);

/*
 * Sleep until monotonic time deadline.  An interrupted sleep (a signal, or
 * the thread is ending) writes the time left in *rem and fails with EINTR if
 * a handler runs; if none does, a relative sleep resumes through
 * restart_syscall with the time left, an absolute one is made again.
 */
static long sleep_until(uint64_t deadline, struct __kernel_timespec *rem, bool relative)
{
	struct restart_block *rb = &thread_current()->restart;
	uint64_t now;
	int err;

	while (!(err = thread_block_unlock(NULL, deadline, THREAD_INTERRUPTIBLE)))
		;
	if (err != -EINTR)
		return 0;
	now = plat_clock_ns();
	if (rem) {
		struct __kernel_timespec left = to_timespec(deadline > now ? deadline - now : 0);

		if (copy_to_user(rem, &left, sizeof(left)))
			return -EFAULT;
	}
	if (!relative)
		return -ERESTARTNOHAND;
	*rb = (struct restart_block){
		.fn = sleep_restart, .deadline = deadline, .arg = {(unsigned long)rem}};
	return -ERESTART_RESTARTBLOCK;
}

static long sleep_restart(struct restart_block *rb)
{
	return sleep_until(rb->deadline, (struct __kernel_timespec *)rb->arg[0], true);
}

SYSCALL_DEFINE2(nanosleep, const struct __kernel_timespec *, req, struct __kernel_timespec *, rem)
{
	uint64_t ns;
	int err = timespec_from_user(req, &ns);

	return err ?: sleep_until(deadline_after_ns(ns), rem, true);
}

SYSCALL_DEFINE4(clock_nanosleep, __kernel_clockid_t, id, int, flags, const struct __kernel_timespec *, req,
		struct __kernel_timespec *, rem)
{
	uint64_t now, ns;
	int err = clock_now(id, &now);

	err = err ?: timespec_from_user(req, &ns);
	if (err)
		return err;
	if (id == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP; /* as Linux: a thread cannot sleep on its own CPU time */
	if (flags & TIMER_ABSTIME)
		return sleep_until(deadline_after_ns(ns > now ? ns - now : 0), NULL, false);
	return sleep_until(deadline_after_ns(ns), rem, true);
}

SYSCALL_DEFINE2(clock_settime, __kernel_clockid_t, id, const struct __kernel_timespec *, tp)
{
	uint64_t ns;
	int err;

	if (id != CLOCK_REALTIME)
		return -EINVAL;
	err = timespec_from_user(tp, &ns);
	if (!err)
		realtime_set(ns);
	return err;
}

SYSCALL_DEFINE2(settimeofday, const struct __kernel_old_timeval *, tv, const void *, tz)
{
	struct __kernel_old_timeval t;

	(void)tz;
	if (!tv)
		return 0;
	if (copy_from_user(&t, tv, sizeof(t)))
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_usec < 0 || t.tv_usec >= 1000000)
		return -EINVAL;
	realtime_set(t.tv_sec * NSEC_PER_SEC + t.tv_usec * NSEC_PER_USEC);
	return 0;
}
