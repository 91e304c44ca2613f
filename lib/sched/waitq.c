/* Wait queues of wait entries, over thread_block/thread_wake (block.c). */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/sched.h>
#include <tessera/waitq.h>

void waitq_add(struct waitq *wq, struct wait_entry *e)
{
	e->thread = thread_current();
	e->callback = NULL;
	e->wq = wq;
	e->woken = false;
	list_add_tail(&e->link, &wq->waiters);
}

void waitq_add_callback(struct waitq *wq, struct wait_entry *e, wait_callback_fn fn)
{
	e->thread = NULL;
	e->callback = fn;
	e->wq = wq;
	e->woken = false;
	list_add(&e->link, &wq->waiters); /* ahead of the threads: see wake() */
}

void waitq_remove(struct wait_entry *e)
{
	list_del(&e->link);
}

int waitq_wait(struct waitq *wq, uint64_t deadline_ns)
{
	struct wait_entry e;
	int err;

	waitq_add(wq, &e);
	err = thread_block(deadline_ns);
	waitq_remove(&e);
	/* Woken just as the deadline passed: the wake-up counts. */
	return e.woken ? 0 : err;
}

struct thread *waitq_first(struct waitq *wq)
{
	struct wait_entry *e;

	list_for_each_entry(e, &wq->waiters, link) {
		if (!e->callback)
			return e->thread;
	}
	return NULL;
}

/*
 * Call every callback entry, then wake the first thread or all of them.
 * Callbacks come first in the queue, so waking one thread stops there.
 */
static bool wake(struct waitq *wq, unsigned long key, bool all)
{
	irq_flags_t flags = irq_save();
	struct wait_entry *e, *tmp;
	bool woke = false;

	list_for_each_entry_safe(e, tmp, &wq->waiters, link) {
		if (e->callback) {
			e->callback(e, key);
			continue;
		}
		list_del(&e->link); /* the waiter's waitq_remove finds it unlinked */
		e->woken = true;
		thread_wake(e->thread);
		woke = true;
		if (!all)
			break;
	}
	irq_restore(flags);
	return woke;
}

bool waitq_wake_one(struct waitq *wq)
{
	return wake(wq, 0, false);
}

void waitq_wake_all(struct waitq *wq)
{
	wake(wq, 0, true);
}

void waitq_wake_all_key(struct waitq *wq, unsigned long key)
{
	wake(wq, key, true);
}
