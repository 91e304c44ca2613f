/*
 * Cooperative round-robin scheduling: a FIFO run queue; a thread runs until
 * it yields, blocks or exits.  Timer and device interrupts only make threads
 * runnable.
 */
#include <tessera/sched_impl.h>

static LIST_HEAD(run_queue);

void sched_impl_enqueue(struct thread *t)
{
	list_add_tail(&t->run_link, &run_queue);
}

/* Round robin needs no account of run time. */
void sched_impl_charge(struct thread *t, uint64_t ns)
{
	(void)t;
	(void)ns;
}

/* A yielding thread is enqueued at the back like any other. */
void sched_impl_yield(struct thread *t)
{
	(void)t;
}

/* Round robin has one place to yield to: the back of the queue. */
void sched_impl_yield_to_next(struct thread *t)
{
	(void)t;
}

void sched_impl_dequeue(struct thread *t)
{
	list_del(&t->run_link);
}

struct thread *sched_impl_pick_next(void)
{
	struct list_head *next = list_pop_front(&run_queue);

	return next ? list_entry(next, struct thread, run_link) : NULL;
}
