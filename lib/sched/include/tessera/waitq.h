/*
 * Wait queues: the one blocking primitive.  A waiter is a wait_entry (on
 * its own stack) naming a thread; a thread may wait on several queues at
 * once (poll), each with its own entry.  The queue's own spinlock guards
 * its list.  Check the condition and wait in the same critical section
 * (interrupts saved off), so that a wake-up between the check and the wait
 * cannot be lost:
 *
 *	irq_flags_t f = irq_save();
 *	while (!condition)
 *		waitq_wait(&wq, 0);
 *	irq_restore(f);
 *
 * A queue may also hold callback entries (epoll's readiness tracking): they
 * name no thread, stay queued until removed, and are called on every
 * wake-up with the waker's key, before any thread is woken.
 */
#ifndef TESSERA_WAITQ_H
#define TESSERA_WAITQ_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/arch/spinlock.h>
#include <tessera/list.h>

struct thread;
struct wait_entry;

/*
 * Called with interrupts disabled and the queue's lock held, possibly from
 * an interrupt handler; it may wake other queues but must not add or remove
 * entries of this one.  key: what changed (poll events for file queues), 0
 * when the waker did not say.
 */
typedef void (*wait_callback_fn)(struct wait_entry *e, unsigned long key);

struct waitq {
	struct list_head waiters; /* callback entries first, then threads in arrival order */
	spinlock_t lock;
};

struct wait_entry {
	struct thread *thread;     /* NULL for a callback entry */
	wait_callback_fn callback; /* NULL for a thread */
	struct waitq *wq;
	bool woken;
	struct list_head link;
};

#define WAITQ_INIT(name) {LIST_HEAD_INIT((name).waiters), SPINLOCK_INIT}

static inline void waitq_init(struct waitq *wq)
{
	list_init(&wq->waiters);
	spin_lock_init(&wq->lock);
}

static inline bool waitq_empty(const struct waitq *wq)
{
	return list_empty(&wq->waiters);
}

/*
 * Block until woken or, if deadline_ns is not 0, until the monotonic clock
 * reaches it.  0 when woken, -ETIMEDOUT on timeout; the interruptible
 * variant also ends with -EINTR when the thread is interrupted.
 */
int waitq_wait(struct waitq *wq, uint64_t deadline_ns);
int waitq_wait_interruptible(struct waitq *wq, uint64_t deadline_ns);

/* Several queues at once: enqueue entries with waitq_add, block, then remove them. */
void waitq_add(struct waitq *wq, struct wait_entry *e);
void waitq_remove(struct wait_entry *e);
/* Queue a callback entry; waitq_remove takes it off again. */
void waitq_add_callback(struct waitq *wq, struct wait_entry *e, wait_callback_fn fn);

/* Wake the longest waiting thread; false if there was none. */
bool waitq_wake_one(struct waitq *wq);
void waitq_wake_all(struct waitq *wq);
/* Wake every thread, telling callbacks what changed (key as for wait_callback_fn). */
void waitq_wake_all_key(struct waitq *wq, unsigned long key);
/* The thread the next waitq_wake_one() would wake, or NULL. */
struct thread *waitq_first(struct waitq *wq);

#endif
