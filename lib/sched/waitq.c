/* Wait queues of wait entries, over thread_block/thread_wake (block.c). */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/sched.h>
#include <tessera/waitq.h>

void waitq_add(struct waitq *wq, struct wait_entry *e)
{
	e->thread = thread_current();
	e->wq = wq;
	e->woken = false;
	list_add_tail(&e->link, &wq->waiters);
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
	struct wait_entry *e = list_first_entry_or_null(&wq->waiters, struct wait_entry, link);

	return e ? e->thread : NULL;
}

bool waitq_wake_one(struct waitq *wq)
{
	irq_flags_t flags = irq_save();
	struct wait_entry *e = list_first_entry_or_null(&wq->waiters, struct wait_entry, link);

	if (e) {
		list_del(&e->link); /* the waiter's waitq_remove finds it unlinked */
		e->woken = true;
		thread_wake(e->thread);
	}
	irq_restore(flags);
	return e != NULL;
}

void waitq_wake_all(struct waitq *wq)
{
	while (waitq_wake_one(wq))
		;
}
