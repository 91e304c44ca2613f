/* Wait queues of wait entries, over thread_block_unlock/thread_wake (block.c). */
#include <errno.h>
#include <tessera/sched.h>
#include <tessera/waitq.h>

static void add_locked(struct waitq *wq, struct wait_entry *e)
{
	e->thread = thread_current();
	e->callback = NULL;
	e->wq = wq;
	e->woken = false;
	list_add_tail(&e->link, &wq->waiters);
}

void waitq_add(struct waitq *wq, struct wait_entry *e)
{
	irq_flags_t flags = spin_lock_irqsave(&wq->lock);

	add_locked(wq, e);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void waitq_add_callback(struct waitq *wq, struct wait_entry *e, wait_callback_fn fn)
{
	irq_flags_t flags = spin_lock_irqsave(&wq->lock);

	e->thread = NULL;
	e->callback = fn;
	e->wq = wq;
	e->woken = false;
	list_add(&e->link, &wq->waiters); /* ahead of the threads: see wake() */
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* A woken entry was unlinked by its waker; list_del of it again is harmless. */
void waitq_remove(struct wait_entry *e)
{
	irq_flags_t flags = spin_lock_irqsave(&e->wq->lock);

	list_del(&e->link);
	spin_unlock_irqrestore(&e->wq->lock, flags);
}

static int wait(struct waitq *wq, uint64_t deadline_ns, unsigned int block_flags)
{
	struct wait_entry e;
	irq_flags_t flags = spin_lock_irqsave(&wq->lock);
	int err;

	add_locked(wq, &e);
	err = thread_block_unlock(&wq->lock, deadline_ns, block_flags);
	spin_lock(&wq->lock);
	list_del(&e.link);
	spin_unlock_irqrestore(&wq->lock, flags);
	/* Woken just as the deadline passed: the wake-up counts. */
	return e.woken ? 0 : err;
}

int waitq_wait(struct waitq *wq, uint64_t deadline_ns)
{
	return wait(wq, deadline_ns, 0);
}

int waitq_wait_interruptible(struct waitq *wq, uint64_t deadline_ns)
{
	return wait(wq, deadline_ns, THREAD_INTERRUPTIBLE);
}

struct thread *waitq_first(struct waitq *wq)
{
	irq_flags_t flags = spin_lock_irqsave(&wq->lock);
	struct thread *first = NULL;
	struct wait_entry *e;

	list_for_each_entry(e, &wq->waiters, link) {
		if (!e->callback) {
			first = e->thread;
			break;
		}
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return first;
}

/*
 * Call every callback entry, then wake the first thread or all of them.
 * Callbacks come first in the queue, so waking one thread stops there.
 */
static bool wake(struct waitq *wq, unsigned long key, bool all)
{
	irq_flags_t flags = spin_lock_irqsave(&wq->lock);
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
	spin_unlock_irqrestore(&wq->lock, flags);
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
