/*
 * futex_waitv: wait on up to 128 futexes at once until one of them is
 * woken, and return its index (the lowest, if several were).  Each futex
 * is checked and queued under its own bucket's lock; a page fault undoes
 * the queueing before the page is faulted in and everything retried, as
 * Linux does.  The thread then prepares to block and looks whether a
 * futex was woken meanwhile before it sleeps.
 */
#include <errno.h>
#include <linux/futex.h>
#include <linux/time.h>
#include <tessera/alloc.h>
#include <tessera/realtime.h>
#include <tessera/restart.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/timespec.h>
#include <tessera/uaccess.h>
#include "futex_internal.h"

#define WAITV_FLAGS (FUTEX_32 | FUTEX_PRIVATE_FLAG)
#define ALL_QUEUED  INT32_MAX

/* Take every queued futex off; the lowest index a waker took off, or -1. */
static int unqueue_all(struct futex_q *qs, unsigned int n)
{
	int woken = -1;

	for (unsigned int i = n; i-- > 0;) {
		if (!futex_dequeue(&qs[i]))
			woken = i;
	}
	return woken;
}

static bool any_woken(struct futex_q *qs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (!__atomic_load_n(&qs[i].bucket, __ATOMIC_ACQUIRE))
			return true;
	}
	return false;
}

/* ALL_QUEUED, the index of one woken during the set-up, -EAGAIN or -EFAULT. */
static int queue_all(struct futex_q *qs, const struct futex_waitv *w, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		uint32_t *uaddr = (uint32_t *)(uintptr_t)w[i].uaddr, cur;
		struct futex_bucket *b = futex_bucket_of(&qs[i].key);
		irq_flags_t flags = spin_lock_irqsave(&b->lock);
		int err = copy_from_user_nofault(&cur, uaddr, sizeof(cur)), woken;

		if (!err && cur == w[i].val) {
			futex_enqueue(b, &qs[i]);
			spin_unlock_irqrestore(&b->lock, flags);
			continue;
		}
		spin_unlock_irqrestore(&b->lock, flags);
		woken = unqueue_all(qs, i);
		if (woken >= 0)
			return woken;
		if (!err)
			return -EAGAIN;
		if (copy_from_user(&cur, uaddr, sizeof(cur)))
			return -EFAULT;
		i = -1; /* faulted in: start again */
	}
	return ALL_QUEUED;
}

static int wait_multiple(struct futex_q *qs, const struct futex_waitv *w, unsigned int n,
			 uint64_t deadline)
{
	for (;;) {
		int ret = queue_all(qs, w, n), err;
		irq_flags_t irq;

		if (ret != ALL_QUEUED)
			return ret;
		irq = irq_save();
		thread_prepare_block(THREAD_INTERRUPTIBLE);
		if (any_woken(qs, n))
			thread_wake(thread_current());
		err = thread_block_prepared(deadline);
		irq_restore(irq);
		ret = unqueue_all(qs, n);
		if (ret >= 0 || err)
			return ret >= 0 ? ret : err == -EINTR ? -ERESTARTSYS : err;
	}
}

/* The waiters' descriptions and keys, checked as Linux checks them. */
static int parse(const struct futex_waitv *user, unsigned int n, struct futex_waitv *w,
		 struct futex_q *qs)
{
	if (copy_from_user(w, user, n * sizeof(*w)))
		return -EFAULT;
	for (unsigned int i = 0; i < n; i++) {
		if ((w[i].flags & ~WAITV_FLAGS) || w[i].__reserved || !(w[i].flags & FUTEX_32) ||
		    w[i].val > UINT32_MAX)
			return -EINVAL;
	}
	for (unsigned int i = 0; i < n; i++) {
		int err = futex_get_key((uint32_t *)(uintptr_t)w[i].uaddr,
					!(w[i].flags & FUTEX_PRIVATE_FLAG), &qs[i].key);

		if (err)
			return err;
		qs[i].bitset = FUTEX_BITSET_MATCH_ANY;
		qs[i].thread = thread_current();
	}
	return 0;
}

SYSCALL_DEFINE5(futex_waitv, const struct futex_waitv *, waiters, unsigned int, nr_futexes,
		unsigned int, flags, const struct __kernel_timespec *, timeout, int, clockid)
{
	struct futex_waitv *w;
	struct futex_q *qs;
	uint64_t deadline = 0;
	int err;

	if (flags || !nr_futexes || nr_futexes > FUTEX_WAITV_MAX || !waiters)
		return -EINVAL;
	if (timeout) {
		if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
			return -EINVAL;
		err = timespec_from_user(timeout, &deadline);
		if (err)
			return err;
		if (clockid == CLOCK_REALTIME)
			deadline = realtime_to_monotonic(deadline);
		deadline = MAX(deadline, 1); /* 0 would mean none */
	}
	w = alloc_malloc(alloc_default(), nr_futexes * sizeof(*w));
	qs = alloc_calloc(alloc_default(), nr_futexes, sizeof(*qs));
	err = w && qs ? parse(waiters, nr_futexes, w, qs) : -ENOMEM;
	if (!err)
		err = wait_multiple(qs, w, nr_futexes, deadline);
	alloc_free(alloc_default(), w);
	alloc_free(alloc_default(), qs);
	return err;
}
