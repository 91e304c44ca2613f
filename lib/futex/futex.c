/*
 * The futex syscall: wait, wake (with bit sets), requeue, wake-op, with the
 * checks in Linux's order, so that each error comes out as it does there.
 * A waiter reads the futex word and queues itself under its bucket's lock;
 * wakers change the word before they take that lock, so a wake-up cannot
 * fall between the waiter's check and its sleep.  Words are read and
 * changed under the lock without faulting (a page fault could sleep); on a
 * fault the lock is dropped, the page faulted in, and the step retried.
 * The priority-inheritance operations are not implemented (-ENOSYS).
 */
#include <errno.h>
#include <linux/futex.h>
#include <tessera/boot.h>
#include <tessera/futex.h>
#include <tessera/mm.h>
#include <tessera/plat/time.h>
#include <tessera/printk.h>
#include <tessera/realtime.h>
#include <tessera/restart.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/timespec.h>
#include <tessera/uaccess.h>
#include "futex_internal.h"
#include "wake_op.h"

/* Shared futexes must be mapped (Linux looks their page up); private ones need not be. */
int futex_get_key(uint32_t *uaddr, bool shared, struct futex_key *key)
{
	uint32_t probe;

	if ((uintptr_t)uaddr % sizeof(uint32_t))
		return -EINVAL;
	if (shared && copy_from_user(&probe, uaddr, sizeof(probe)))
		return -EFAULT;
	*key = (struct futex_key){.space = mm_space_id(), .addr = (uintptr_t)uaddr, .shared = shared};
	return 0;
}

int futex_read_word_locked(struct futex_bucket *b, uint32_t *uaddr, uint32_t *value,
			    irq_flags_t *flags)
{
	while (copy_from_user_nofault(value, uaddr, sizeof(*value))) {
		spin_unlock_irqrestore(&b->lock, *flags);
		if (copy_from_user(value, uaddr, sizeof(*value)))
			return -EFAULT;
		*flags = spin_lock_irqsave(&b->lock);
	}
	return 0;
}

static long futex_wait_restart(struct restart_block *rb);

static int futex_wait(uint32_t *uaddr, bool shared, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	struct futex_q q = {.bitset = bitset, .thread = thread_current()};
	struct futex_bucket *b;
	irq_flags_t flags;
	uint32_t cur;
	int err;

	if (!bitset)
		return -EINVAL;
	err = futex_get_key(uaddr, shared, &q.key);
	if (err)
		return err;
	b = futex_bucket_of(&q.key);
	flags = spin_lock_irqsave(&b->lock);
	if (futex_read_word_locked(b, uaddr, &cur, &flags))
		return -EFAULT;
	if (cur != val) {
		spin_unlock_irqrestore(&b->lock, flags);
		return -EAGAIN;
	}
	futex_enqueue(b, &q);
	err = thread_block_unlock(&b->lock, deadline, THREAD_INTERRUPTIBLE);
	irq_restore(flags);
	/* Woken, even if the deadline or an interruption came at the same time: success. */
	if (!futex_dequeue(&q))
		return 0;
	/*
	 * Interrupted: restarted unless a handler runs (a timed wait then fails
	 * with EINTR, as Linux, and resumes with the time left if none does).
	 */
	if (err == -EINTR && !deadline)
		return -ERESTARTSYS;
	if (err == -EINTR) {
		thread_current()->restart = (struct restart_block){
			.fn = futex_wait_restart,
			.deadline = deadline,
			.arg = {(unsigned long)uaddr, shared, val, bitset}};
		return -ERESTART_RESTARTBLOCK;
	}
	return err;
}

static long futex_wait_restart(struct restart_block *rb)
{
	return futex_wait((uint32_t *)rb->arg[0], rb->arg[1], rb->arg[2], rb->deadline, rb->arg[3]);
}

static int futex_wake(uint32_t *uaddr, bool shared, int nr, uint32_t bitset)
{
	struct futex_key key;
	struct futex_bucket *b;
	irq_flags_t flags;
	int err, woken;

	if (!bitset)
		return -EINVAL;
	err = futex_get_key(uaddr, shared, &key);
	if (err)
		return err;
	b = futex_bucket_of(&key);
	flags = spin_lock_irqsave(&b->lock);
	woken = futex_wake_locked(b, &key, nr, bitset);
	spin_unlock_irqrestore(&b->lock, flags);
	return woken;
}

int futex_wake_address(uint32_t *uaddr, int nr)
{
	return futex_wake(uaddr, true, nr, FUTEX_BITSET_MATCH_ANY);
}

/* The two futexes of a requeue or a wake-op. */
struct futex_pair {
	struct futex_key key1, key2;
	struct futex_bucket *b1, *b2;
};

static int get_pair(uint32_t *uaddr, uint32_t *uaddr2, bool shared, struct futex_pair *p)
{
	int err = futex_get_key(uaddr, shared, &p->key1) ?: futex_get_key(uaddr2, shared, &p->key2);

	if (err)
		return err;
	p->b1 = futex_bucket_of(&p->key1);
	p->b2 = futex_bucket_of(&p->key2);
	return 0;
}

/* FUTEX_REQUEUE, and FUTEX_CMP_REQUEUE when cmpval is given. */
static int futex_requeue(uint32_t *uaddr, bool shared, uint32_t *uaddr2, int nr_wake,
			 int nr_requeue, const uint32_t *cmpval)
{
	struct futex_pair p;
	irq_flags_t flags;
	uint32_t cur;
	int err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_pair(uaddr, uaddr2, shared, &p);
	if (err)
		return err;
	for (;;) {
		flags = futex_lock_pair(p.b1, p.b2);
		if (!cmpval || !copy_from_user_nofault(&cur, uaddr, sizeof(cur)))
			break;
		futex_unlock_pair(p.b1, p.b2, flags);
		if (copy_from_user(&cur, uaddr, sizeof(cur)))
			return -EFAULT;
	}
	if (cmpval && cur != *cmpval)
		err = -EAGAIN;
	else
		err = futex_requeue_locked(p.b1, &p.key1, p.b2, &p.key2, nr_wake, nr_requeue);
	futex_unlock_pair(p.b1, p.b2, flags);
	return err;
}

/* A locked cmpxchg always writes, so it faults the page in for writing; 0 replaces 0 only. */
int futex_fault_in_writable(uint32_t *uaddr)
{
	uint32_t zero = 0;

	return arch_cmpxchg_user_u32(uaddr, &zero, 0);
}

/* Apply op to *uaddr atomically, without faulting: the comparison's result, or -errno. */
static int wake_op_word(uint32_t *uaddr, const struct futex_op *op)
{
	uint32_t old, seen;
	int err = copy_from_user_nofault(&old, uaddr, sizeof(old));

	while (!err) {
		seen = old;
		err = cmpxchg_user_nofault(uaddr, &seen, futex_op_apply(op, old));
		if (!err && seen == old)
			return futex_op_compare(op, old);
		old = seen;
	}
	return err;
}

static int futex_wake_op(uint32_t *uaddr, bool shared, uint32_t *uaddr2, int nr_wake,
			 int nr_wake2, uint32_t encoded_op)
{
	struct futex_pair p;
	struct futex_op op;
	irq_flags_t flags;
	int err, woken, passed;

	err = get_pair(uaddr, uaddr2, shared, &p) ?: futex_op_decode(encoded_op, &op);
	if (err)
		return err;
	for (;;) {
		flags = futex_lock_pair(p.b1, p.b2);
		passed = wake_op_word(uaddr2, &op);
		if (passed != -EFAULT)
			break;
		futex_unlock_pair(p.b1, p.b2, flags);
		if (futex_fault_in_writable(uaddr2))
			return -EFAULT;
	}
	if (passed < 0) {
		futex_unlock_pair(p.b1, p.b2, flags);
		return passed;
	}
	woken = futex_wake_locked(p.b1, &p.key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (passed)
		woken += futex_wake_locked(p.b2, &p.key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	futex_unlock_pair(p.b1, p.b2, flags);
	return woken;
}

static bool takes_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/*
 * FUTEX_WAIT's timeout is relative; the others' are absolute, on the
 * realtime clock with FUTEX_CLOCK_REALTIME.  The deadline is never 0 (no
 * deadline): a time already past becomes 1.
 */
static int read_deadline(int cmd, int op, const struct __kernel_timespec *utime,
			 uint64_t *deadline)
{
	uint64_t ns;
	int err = timespec_from_user(utime, &ns);

	if (err)
		return err;
	if (cmd == FUTEX_WAIT)
		ns = deadline_after_ns(ns);
	else if (op & FUTEX_CLOCK_REALTIME)
		ns = realtime_to_monotonic(ns);
	*deadline = MAX(ns, 1);
	return 0;
}

static long priority_inheritance(void)
{
	static bool warned;

	if (!warned) {
		warned = true;
		pr_warn("futex: priority-inheritance operations are not supported; returning -ENOSYS\n");
	}
	return -ENOSYS;
}

SYSCALL_DEFINE6(futex, uint32_t *, uaddr, int, op, uint32_t, val,
		const struct __kernel_timespec *, utime, uint32_t *, uaddr2, uint32_t, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	uint32_t val2 = (uint32_t)(uintptr_t)utime; /* the requeue and wake-op operations' count */
	uint64_t deadline = 0;

	if (utime && takes_timeout(cmd)) {
		int err = read_deadline(cmd, op, utime, &deadline);

		if (err)
			return err;
	}
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, shared, val, deadline, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, uaddr2, val, val2, val3);
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
	case FUTEX_WAIT_REQUEUE_PI:
	case FUTEX_CMP_REQUEUE_PI:
		return priority_inheritance();
	default:
		return -ENOSYS;
	}
}

static int futex_init(void)
{
	futex_queues_init();
	return 0;
}
INITCALL(futex_init, INIT_LIB);
