/*
 * epoll_wait, epoll_pwait and epoll_pwait2: harvest the ready list, or
 * sleep on the instance until an item's wake-up (or the deadline) comes.
 */
#include <errno.h>
#include <limits.h>
#include <linux/time_types.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/plat/time.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "epoll_internal.h"

#define EP_MAX_EVENTS (INT_MAX / sizeof(struct epoll_event))

/* How many events were harvested, or -EINTR if the thread was interrupted. */
static long ep_wait(struct eventpoll *ep, struct epoll_event *events, int max, uint64_t deadline)
{
	irq_flags_t flags = irq_save();
	long n;
	int err;

	for (;;) {
		n = 0;
		if (!list_empty(&ep->ready)) {
			mutex_lock(&ep->mtx);
			n = ep_harvest(ep, events, max);
			mutex_unlock(&ep->mtx);
		}
		if (n || deadline == POLL_NO_WAIT)
			break;
		if (deadline && plat_clock_ns() >= deadline)
			break;
		err = waitq_wait_interruptible(&ep->wq, deadline);
		if (err == -EINTR) {
			n = err;
			break;
		}
		if (err == -ETIMEDOUT)
			deadline = POLL_NO_WAIT; /* one last look, without waiting */
	}
	irq_restore(flags);
	return n;
}

static long do_epoll_wait(int epfd, struct epoll_event *events, int max, uint64_t deadline)
{
	struct file *f = fd_get(epfd);
	long ret;

	if (!f)
		return -EBADF;
	if (max <= 0 || (size_t)max > EP_MAX_EVENTS)
		ret = -EINVAL;
	else if (!user_range_ok(events, max * sizeof(*events)))
		ret = -EFAULT;
	else if (!is_epoll_file(f))
		ret = -EINVAL;
	else
		ret = ep_wait(f->private, events, max, deadline);
	file_put(f);
	return ret;
}

/* The wait with the application's signal mask blocked meanwhile. */
static long do_epoll_pwait(int epfd, struct epoll_event *events, int max, uint64_t deadline,
			   const uint64_t *sigmask, size_t sigsetsize)
{
	uint64_t saved;
	long ret = signal_wait_mask_set(sigmask, sigsetsize, &saved);

	if (ret)
		return ret;
	ret = do_epoll_wait(epfd, events, max, deadline);
	signal_wait_mask_restore(saved);
	return ret;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event *, events, int, max, int, timeout_ms)
{
	return do_epoll_wait(epfd, events, max, poll_deadline_ms(timeout_ms));
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event *, events, int, max, int, timeout_ms,
		const uint64_t *, sigmask, size_t, sigsetsize)
{
	return do_epoll_pwait(epfd, events, max, poll_deadline_ms(timeout_ms), sigmask, sigsetsize);
}

SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event *, events, int, max,
		const struct __kernel_timespec *, timeout, const uint64_t *, sigmask, size_t,
		sigsetsize)
{
	uint64_t deadline;
	long ret = poll_deadline_timespec(timeout, &deadline);

	return ret ?: do_epoll_pwait(epfd, events, max, deadline, sigmask, sigsetsize);
}
