/*
 * Blocking and waking threads, with optional deadlines: a timed block arms
 * the thread's timeout timer, whose expiry wakes it (timer.c).
 */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/plat/time.h>
#include <tessera/sched_impl.h>
#include "sched_internal.h"

void thread_wake(struct thread *t)
{
	irq_flags_t flags = irq_save();

	if (t->state == THREAD_BLOCKED) {
		sched_timer_cancel(&t->timeout);
		t->state = THREAD_RUNNABLE;
		sched_impl_enqueue(t);
	}
	irq_restore(flags);
}

void thread_timeout_expired(struct sched_timer *timeout)
{
	struct thread *t = container_of(timeout, struct thread, timeout);

	t->timed_out = true;
	thread_wake(t);
}

int thread_block(uint64_t deadline_ns)
{
	struct thread *self = thread_current();

	self->state = THREAD_BLOCKED;
	self->timed_out = false;
	if (deadline_ns)
		sched_timer_arm(&self->timeout, deadline_ns);
	sched_impl_schedule();
	return self->timed_out ? -ETIMEDOUT : 0;
}

void thread_sleep_ns(uint64_t ns)
{
	irq_flags_t flags = irq_save();

	thread_block(plat_clock_ns() + ns);
	irq_restore(flags);
}
