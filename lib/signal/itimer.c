/*
 * Interval timers: setitimer/getitimer and alarm.  ITIMER_REAL counts the
 * monotonic clock and sends SIGALRM; ITIMER_VIRTUAL (SIGVTALRM) and
 * ITIMER_PROF (SIGPROF) count the process's CPU time, which here includes
 * the time the kernel works for it (there is no user/system split).  A
 * process's timers are not inherited by a forked child.
 */
#include <errno.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <tessera/alloc.h>
#include <tessera/plat/time.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "signal_timer.h"

#define NSEC_PER_USEC 1000ULL

static const int itimer_signal[] = {[ITIMER_REAL] = SIGALRM, [ITIMER_VIRTUAL] = SIGVTALRM,
				    [ITIMER_PROF] = SIGPROF};

static struct signal_timer *itimer(int which)
{
	struct signal_process *p = current_signals;
	struct signal_timer *t = p->itimers[which];

	if (t)
		return t;
	t = alloc_malloc(alloc_default(), sizeof(*t));
	if (!t)
		return NULL;
	signal_timer_init(t, p, which == ITIMER_REAL ? SIGNAL_TIMER_MONOTONIC :
						    SIGNAL_TIMER_PROCESS_CPU);
	t->entry.info.si_signo = itimer_signal[which];
	t->entry.info.si_code = SI_KERNEL;
	p->itimers[which] = t;
	return t;
}

static struct __kernel_old_timeval to_timeval(uint64_t ns)
{
	/* As Linux: a running timer never reads 0 (that would mean disarmed). */
	ns = ns && ns < NSEC_PER_USEC ? NSEC_PER_USEC : ns;
	return (struct __kernel_old_timeval){.tv_sec = ns / NSEC_PER_SEC,
					     .tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC};
}

static struct __kernel_old_itimerval current_value(struct signal_timer *t)
{
	if (!t)
		return (struct __kernel_old_itimerval){0};
	return (struct __kernel_old_itimerval){.it_interval = to_timeval(t->interval),
					       .it_value = to_timeval(signal_timer_left(t))};
}

SYSCALL_DEFINE2(getitimer, int, which, struct __kernel_old_itimerval *, value)
{
	struct __kernel_old_itimerval v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	v = current_value(current_signals->itimers[which]);
	return copy_to_user(value, &v, sizeof(v));
}

static int timeval_ns(const struct __kernel_old_timeval *tv, uint64_t *ns)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -EINVAL;
	*ns = tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * NSEC_PER_USEC;
	return 0;
}

static int set(int which, uint64_t value, uint64_t interval, struct __kernel_old_itimerval *old)
{
	struct signal_timer *t;

	if (!value && !current_signals->itimers[which]) {
		*old = (struct __kernel_old_itimerval){0};
		return 0;
	}
	t = itimer(which);
	if (!t)
		return -ENOMEM;
	*old = current_value(t);
	signal_timer_set(t, value ? signal_timer_now(t) + value : 0, interval);
	return 0;
}

/* A NULL new value disarms, as Linux still accepts. */
SYSCALL_DEFINE3(setitimer, int, which, const struct __kernel_old_itimerval *, new,
		struct __kernel_old_itimerval *, old)
{
	struct __kernel_old_itimerval v = {0}, prev;
	uint64_t value, interval;
	int err;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (new && copy_from_user(&v, new, sizeof(v)))
		return -EFAULT;
	err = timeval_ns(&v.it_value, &value) ?: timeval_ns(&v.it_interval, &interval) ?:
	      set(which, value, interval, &prev);
	if (err)
		return err;
	return old ? copy_to_user(old, &prev, sizeof(prev)) : 0;
}

/* The seconds left of the previous alarm, rounded to the nearest (at least 1 if one was set). */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct __kernel_old_itimerval prev;
	long left;

	if (set(ITIMER_REAL, seconds * NSEC_PER_SEC, 0, &prev))
		return 0;
	left = prev.it_value.tv_sec + (prev.it_value.tv_usec >= 500000);
	return !left && prev.it_value.tv_usec ? 1 : left;
}

void signal_itimers_release(struct signal_process *p)
{
	for (int i = 0; i < 3; i++) {
		if (!p->itimers[i])
			continue;
		signal_timer_stop(p->itimers[i]);
		alloc_free(alloc_default(), p->itimers[i]);
		p->itimers[i] = NULL;
	}
}
