/*
 * timerfd: a timer as a file.  The timer counts its expirations; a read
 * takes the count (waiting while it is 0), poll reports POLLIN while it is
 * not 0.  As on Linux, a periodic timer that fired is not re-armed from the
 * timer interrupt but when the count is next read (or the timer queried),
 * which then adds the expirations missed meanwhile; so epoll's edge-
 * triggered items see one edge per read, and a fast period costs nothing
 * while nobody reads.
 *
 * Expiries are kept in the timer's own clock; the scheduler's timer that
 * fires them runs on the monotonic clock, so a CLOCK_REALTIME timer is moved
 * whenever the wall clock is set, and one armed with TFD_TIMER_ABSTIME |
 * TFD_TIMER_CANCEL_ON_SET is cancelled then: its next read fails with
 * -ECANCELED.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/timerfd.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include <tessera/restart.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include <tessera/waitq.h>
#include "forward.h"

struct timerfd {
	bool realtime;      /* the expiry is wall-clock time */
	bool cancel_on_set; /* an absolute realtime expiry with TFD_TIMER_CANCEL_ON_SET */
	bool canceled;      /* the wall clock was set since: the next read says so */
	bool expired;       /* fired, and if periodic not re-armed since */
	uint64_t expiry;    /* the next (or last) expiry in the timer's clock; 0: never armed */
	uint64_t interval;  /* 0: one-shot */
	uint64_t ticks;     /* expirations not yet read */
	struct sched_timer timer;
	struct wait_entry clock_set; /* realtime timers: on realtime_set_waitq() */
	struct waitq wq;
};

static const struct file_operations timerfd_fops;

static uint64_t clock_now(const struct timerfd *t)
{
	return t->realtime ? realtime_ns() : plat_clock_ns();
}

static void fire(struct sched_timer *timer)
{
	struct timerfd *t = container_of(timer, struct timerfd, timer);

	t->expired = true;
	t->ticks++;
	waitq_wake_all_key(&t->wq, POLLIN);
}

/* Arm the scheduler's timer for t->expiry, translated to the monotonic clock; fire if due. */
static void start(struct timerfd *t)
{
	uint64_t offset = t->realtime ? realtime_ns() - plat_clock_ns() : 0;
	uint64_t deadline = t->expiry > offset ? t->expiry - offset : 0;

	if (deadline <= plat_clock_ns()) {
		sched_timer_cancel(&t->timer);
		fire(&t->timer);
	} else {
		sched_timer_arm(&t->timer, deadline);
	}
}

/* The timer interrupt may come after the clock passed the deadline (emulated CPUs): look. */
static void catch_up(struct timerfd *t)
{
	if (sched_timer_armed(&t->timer) && t->timer.deadline <= plat_clock_ns()) {
		sched_timer_cancel(&t->timer);
		fire(&t->timer);
	}
}

/* Re-arm a periodic timer that fired; the expirations missed since, beyond the one counted. */
static uint64_t forward_periodic(struct timerfd *t)
{
	uint64_t passed;

	if (!t->expired || !t->interval)
		return 0;
	t->expired = false;
	passed = timer_forward(&t->expiry, t->interval, clock_now(t));
	start(t);
	return passed ? passed - 1 : 0; /* 0: the wall clock went back */
}

static void clock_was_set(struct wait_entry *e, unsigned long key)
{
	struct timerfd *t = container_of(e, struct timerfd, clock_set);

	(void)key;
	if (sched_timer_armed(&t->timer))
		start(t);
	if (t->cancel_on_set) {
		t->canceled = true;
		t->ticks++;
		waitq_wake_all_key(&t->wq, POLLIN);
	}
}

static struct __kernel_itimerspec current_setting(const struct timerfd *t)
{
	uint64_t now = clock_now(t);
	uint64_t left = sched_timer_armed(&t->timer) && t->expiry > now ? t->expiry - now : 0;

	return (struct __kernel_itimerspec){
		.it_interval = {t->interval / NSEC_PER_SEC, t->interval % NSEC_PER_SEC},
		.it_value = {left / NSEC_PER_SEC, left % NSEC_PER_SEC},
	};
}

static ssize_t timerfd_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	struct timerfd *t = file->private;
	irq_flags_t flags;
	uint64_t ticks = 0;
	ssize_t ret = 0;

	(void)pos;
	if (len < sizeof(ticks))
		return -EINVAL;
	flags = irq_save();
	catch_up(t);
	while (!t->ticks && !(file->flags & O_NONBLOCK)) {
		if (waitq_wait_interruptible(&t->wq, 0) == -EINTR) {
			irq_restore(flags);
			return -ERESTARTSYS;
		}
	}
	if (t->canceled) {
		t->canceled = t->expired = false;
		t->ticks = 0;
		ret = -ECANCELED;
	} else if (!t->ticks) {
		ret = -EAGAIN;
	} else {
		ticks = t->ticks + forward_periodic(t);
		t->ticks = 0;
		t->expired = false;
	}
	irq_restore(flags);
	if (ret)
		return ret;
	return copy_to_user(buf, &ticks, sizeof(ticks)) ?: (ssize_t)sizeof(ticks);
}

static unsigned int timerfd_poll(struct file *file, struct poll_table *pt)
{
	struct timerfd *t = file->private;

	poll_wait(pt, &t->wq);
	catch_up(t);
	return t->ticks ? POLLIN : 0;
}

static void timerfd_release(struct file *file)
{
	struct timerfd *t = file->private;
	irq_flags_t flags = irq_save();

	sched_timer_cancel(&t->timer);
	if (t->realtime)
		waitq_remove(&t->clock_set);
	waitq_wake_all(&t->wq); /* pollers must not keep entries on a freed queue */
	irq_restore(flags);
	alloc_free(alloc_default(), t);
}

static const struct file_operations timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd *t;
	struct file *f;
	int fd;

	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	if (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME && clockid != CLOCK_BOOTTIME &&
	    clockid != CLOCK_REALTIME_ALARM && clockid != CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	t = alloc_calloc(alloc_default(), 1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->realtime = clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM;
	sched_timer_init(&t->timer, fire);
	waitq_init(&t->wq);
	f = anon_file_new("[timerfd]", &timerfd_fops, t, O_RDWR | (flags & TFD_NONBLOCK));
	if (!f) {
		alloc_free(alloc_default(), t);
		return -ENOMEM;
	}
	if (t->realtime) {
		irq_flags_t irq = irq_save();

		waitq_add_callback(realtime_set_waitq(), &t->clock_set, clock_was_set);
		irq_restore(irq);
	}
	fd = fd_install(f, 0, flags & TFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* A timerfd being set or read: its file's reference and the interrupt state to restore. */
struct timerfd_ref {
	struct file *file;
	struct timerfd *t;
	irq_flags_t irq;
};

/*
 * Take the timerfd open on fd, with interrupts disabled and a due expiry
 * counted, until timerfd_release_ref(); -EBADF or -EINVAL if there is none.
 */
static long timerfd_take_ref(int fd, struct timerfd_ref *ref)
{
	ref->file = fd_get(fd);
	if (!ref->file)
		return -EBADF;
	if (ref->file->fops != &timerfd_fops) {
		file_put(ref->file);
		return -EINVAL;
	}
	ref->t = ref->file->private;
	ref->irq = irq_save();
	catch_up(ref->t);
	return 0;
}

static void timerfd_release_ref(struct timerfd_ref *ref)
{
	irq_restore(ref->irq);
	file_put(ref->file);
}

static bool timespec_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long long)NSEC_PER_SEC;
}

SYSCALL_DEFINE4(timerfd_settime, int, fd, int, flags, const struct __kernel_itimerspec *, user_new,
		struct __kernel_itimerspec *, user_old)
{
	struct __kernel_itimerspec new, old;
	struct timerfd_ref ref;
	struct timerfd *t;
	uint64_t value;
	long err;

	if (copy_from_user(&new, user_new, sizeof(new)))
		return -EFAULT;
	if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET) ||
	    !timespec_valid(&new.it_value) || !timespec_valid(&new.it_interval))
		return -EINVAL;
	err = timerfd_take_ref(fd, &ref);
	if (err)
		return err;
	t = ref.t;
	forward_periodic(t); /* so that the old setting shows the next expiry */
	old = current_setting(t);
	sched_timer_cancel(&t->timer);
	t->expired = t->canceled = false;
	t->ticks = 0;
	t->interval = timer_ns(new.it_interval.tv_sec, new.it_interval.tv_nsec);
	t->cancel_on_set = t->realtime && (flags & TFD_TIMER_ABSTIME) &&
			   (flags & TFD_TIMER_CANCEL_ON_SET);
	value = timer_ns(new.it_value.tv_sec, new.it_value.tv_nsec);
	if (value) {
		t->expiry = flags & TFD_TIMER_ABSTIME ? value : timer_add(clock_now(t), value);
		start(t);
	}
	timerfd_release_ref(&ref);
	if (user_old && copy_to_user(user_old, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, fd, struct __kernel_itimerspec *, user_cur)
{
	struct __kernel_itimerspec cur;
	struct timerfd_ref ref;
	long err;

	err = timerfd_take_ref(fd, &ref);
	if (err)
		return err;
	ref.t->ticks += forward_periodic(ref.t);
	cur = current_setting(ref.t);
	timerfd_release_ref(&ref);
	return copy_to_user(user_cur, &cur, sizeof(cur));
}
