/*
 * POSIX timers: timer_create (SIGEV_SIGNAL, SIGEV_THREAD_ID, SIGEV_NONE)
 * on the realtime, monotonic and boot clocks or on CPU time, timer_settime
 * (relative or TIMER_ABSTIME), timer_gettime, timer_getoverrun,
 * timer_delete.  Each signal carries SI_TIMER, the timer's id, its value
 * and the overrun count.  Realtime timers are converted to the monotonic
 * clock when set: a later change of the wall clock does not move them.
 */
#include <errno.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <tessera/alloc.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include <tessera/syscall.h>
#include <tessera/timespec.h>
#include <tessera/uaccess.h>
#include "signal_timer.h"

#define SIGEV_SIGNAL    0
#define SIGEV_NONE      1
#define SIGEV_THREAD    2
#define SIGEV_THREAD_ID 4
#define TIMER_MAX       (1 << 15)

/* struct sigevent as the kernel reads it. */
struct kernel_sigevent {
	uint64_t value;
	int signo;
	int notify;
	int tid;
	int pad[11];
};

struct posix_timer {
	struct signal_timer t;
	int id;
	__kernel_clockid_t clockid;
	struct list_head link; /* in its process's timers */
};

struct thread *(*signal_find_thread)(int tid);

static struct posix_timer *find(int id)
{
	struct posix_timer *pt;

	list_for_each_entry(pt, &current_signals->timers, link) {
		if (pt->id == id)
			return pt;
	}
	return NULL;
}

static int clock_kind(__kernel_clockid_t clockid, enum signal_timer_clock *kind)
{
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		*kind = SIGNAL_TIMER_MONOTONIC;
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*kind = SIGNAL_TIMER_PROCESS_CPU;
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*kind = SIGNAL_TIMER_THREAD_CPU;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Linux's good_sigevent: the thread a SIGEV_THREAD_ID timer signals, and the signal's range. */
static int check_event(const struct kernel_sigevent *ev, struct signal_thread **target)
{
	struct thread *t;

	*target = NULL;
	switch (ev->notify) {
	case SIGEV_THREAD_ID | SIGEV_SIGNAL:
		t = signal_find_thread ? signal_find_thread(ev->tid) : NULL;
		if (!t || !t->signals || t->signals->process != current_signals)
			return -EINVAL;
		*target = t->signals;
		/* fallthrough */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		return ev->signo < 1 || ev->signo > NSIG_LINUX ? -EINVAL : 0;
	case SIGEV_NONE:
		return 0;
	default:
		return -EINVAL;
	}
}

static int new_id(void)
{
	struct signal_process *p = current_signals;

	for (int tries = 0; tries < TIMER_MAX; tries++) {
		int id = p->next_timer_id++ % TIMER_MAX;

		if (!find(id))
			return id;
	}
	return -EAGAIN;
}

SYSCALL_DEFINE3(timer_create, __kernel_clockid_t, clockid, const struct kernel_sigevent *, uevent,
		int *, created_id)
{
	struct kernel_sigevent ev = {.signo = SIGALRM, .notify = SIGEV_SIGNAL};
	enum signal_timer_clock kind;
	struct signal_thread *target;
	struct posix_timer *pt;
	int err, id;

	err = clock_kind(clockid, &kind);
	if (err)
		return err;
	if (uevent && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	err = check_event(&ev, &target);
	if (err)
		return err;
	id = new_id();
	if (id < 0)
		return id;
	if (!uevent)
		ev.value = id;
	pt = alloc_malloc(alloc_default(), sizeof(*pt));
	if (!pt)
		return -EAGAIN;
	signal_timer_init(&pt->t, current_signals, kind);
	pt->t.thread = target;
	pt->t.cpu_thread = thread_current();
	pt->t.notify = ev.notify != SIGEV_NONE;
	pt->t.entry.info.si_signo = ev.signo;
	pt->t.entry.info.si_code = SI_TIMER;
	pt->t.entry.info.si_tid = id;
	pt->t.entry.info.si_ptr = (void *)(uintptr_t)ev.value;
	pt->id = id;
	pt->clockid = clockid;
	if (copy_to_user(created_id, &id, sizeof(id))) {
		alloc_free(alloc_default(), pt);
		return -EFAULT;
	}
	list_add_tail(&pt->link, &current_signals->timers);
	return 0;
}

static struct __kernel_timespec to_timespec(uint64_t ns)
{
	return (struct __kernel_timespec){.tv_sec = ns / NSEC_PER_SEC, .tv_nsec = ns % NSEC_PER_SEC};
}

static struct __kernel_itimerspec current_value(const struct posix_timer *pt)
{
	return (struct __kernel_itimerspec){.it_interval = to_timespec(pt->t.interval),
					    .it_value = to_timespec(signal_timer_left(&pt->t))};
}

SYSCALL_DEFINE2(timer_gettime, int, id, struct __kernel_itimerspec *, value)
{
	struct posix_timer *pt = find(id);
	struct __kernel_itimerspec v;

	if (!pt)
		return -EINVAL;
	v = current_value(pt);
	return copy_to_user(value, &v, sizeof(v));
}

/* An absolute expiry on the timer's own clock, from what the program gave. */
static uint64_t expiry(const struct posix_timer *pt, int flags, uint64_t value)
{
	if (!value)
		return 0;
	if (!(flags & TIMER_ABSTIME))
		return signal_timer_now(&pt->t) + value;
	if (pt->clockid == CLOCK_REALTIME || pt->clockid == CLOCK_REALTIME_ALARM)
		value = realtime_to_monotonic(value);
	return value ? value : 1; /* already past: expires at once */
}

SYSCALL_DEFINE4(timer_settime, int, id, int, flags, const struct __kernel_itimerspec *, unew,
		struct __kernel_itimerspec *, uold)
{
	struct posix_timer *pt = find(id);
	struct __kernel_itimerspec old;
	uint64_t value, interval;
	int err;

	if (!unew)
		return -EINVAL;
	err = timespec_from_user(&unew->it_value, &value) ?:
	      timespec_from_user(&unew->it_interval, &interval);
	if (err)
		return err;
	if (!pt)
		return -EINVAL;
	old = current_value(pt);
	signal_timer_set(&pt->t, expiry(pt, flags, value), interval);
	return uold ? copy_to_user(uold, &old, sizeof(old)) : 0;
}

SYSCALL_DEFINE1(timer_getoverrun, int, id)
{
	struct posix_timer *pt = find(id);

	return pt ? pt->t.entry.overrun_last : -EINVAL;
}

static void destroy(struct posix_timer *pt)
{
	signal_timer_stop(&pt->t);
	list_del(&pt->link);
	alloc_free(alloc_default(), pt);
}

SYSCALL_DEFINE1(timer_delete, int, id)
{
	struct posix_timer *pt = find(id);

	if (!pt)
		return -EINVAL;
	destroy(pt);
	return 0;
}

void signal_posix_timers_release(struct signal_process *p)
{
	struct posix_timer *pt, *next;

	list_for_each_entry_safe(pt, next, &p->timers, link)
		destroy(pt);
}

/* A timer that signalled t now signals the process; one counting t's CPU time stops. */
void signal_timers_forget_thread(struct signal_thread *t)
{
	struct posix_timer *pt;

	list_for_each_entry(pt, &t->process->timers, link) {
		if (pt->t.clock == SIGNAL_TIMER_THREAD_CPU && pt->t.cpu_thread == t->thread) {
			signal_timer_stop(&pt->t);
			pt->t.cpu_thread = NULL;
		}
		if (pt->t.thread == t)
			pt->t.thread = NULL;
	}
}

void signal_timers_init(struct signal_process *p)
{
	list_init(&p->timers);
}
