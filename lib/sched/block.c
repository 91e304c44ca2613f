/*
 * Blocking and waking threads, with optional deadlines and interruption.
 * A block's deadline is the thread's own timer, whose function wakes it
 * with -ETIMEDOUT; thread_interrupt() wakes an interruptible block with
 * -EINTR, and so does a signal for the thread (thread_set_signal_pending);
 * thread_wake() with 0.  Whichever comes first under the scheduler
 * lock decides what the block returns.  A block is prepared (the thread
 * counts as blocked, so a wake-up from then on makes it runnable again)
 * before the caller lets wakers in, and only then does the thread switch
 * away, if nobody woke it meanwhile.
 */
#include <errno.h>
#include <tessera/plat/time.h>
#include "sched_internal.h"

static uint64_t wakeups;

uint64_t sched_wakeups(void)
{
	return READ_ONCE(wakeups);
}

bool wake_locked(struct thread *t, int result)
{
	if (t->state != THREAD_BLOCKED)
		return false;
	wakeups++;
	thread_set_state(t, THREAD_RUNNABLE);
	t->block_result = result;
	/* A thread that has not switched away yet goes on running instead. */
	if (!thread_on_cpu(t) && !t->frozen)
		sched_impl_enqueue(t);
	return true;
}

void thread_wake(struct thread *t)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	wake_locked(t, 0);
	spin_unlock_irqrestore(&sched_lock, flags);
}

void thread_interrupt(struct thread *t)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	t->interrupted = true;
	if (t->interruptible)
		wake_locked(t, -EINTR);
	spin_unlock_irqrestore(&sched_lock, flags);
}

void thread_set_signal_pending(struct thread *t, bool pending)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	t->signal_pending = pending;
	if (pending && t->interruptible)
		wake_locked(t, -EINTR);
	spin_unlock_irqrestore(&sched_lock, flags);
}

static void block_timed_out(struct sched_timer *timer)
{
	struct thread *t = container_of(timer, struct thread, timeout);

	spin_lock(&sched_lock);
	wake_locked(t, -ETIMEDOUT);
	spin_unlock(&sched_lock);
}

void block_init_thread(struct thread *t)
{
	sched_timer_init(&t->timeout, block_timed_out);
}

void thread_prepare_block(unsigned int flags)
{
	struct thread *self = current_thread;

	spin_lock(&sched_lock);
	if ((flags & THREAD_INTERRUPTIBLE) && (self->interrupted || self->signal_pending)) {
		self->block_result = -EINTR;
	} else {
		self->block_result = 0;
		thread_set_state(self, THREAD_BLOCKED);
		self->interruptible = flags & THREAD_INTERRUPTIBLE;
	}
	spin_unlock(&sched_lock);
}

int thread_block_prepared(uint64_t deadline_ns)
{
	struct thread *self = current_thread;
	int result;

	spin_lock(&sched_lock);
	if (self->state == THREAD_BLOCKED) {
		if (deadline_ns && deadline_ns <= plat_clock_ns()) {
			thread_set_state(self, THREAD_RUNNABLE);
			self->block_result = -ETIMEDOUT;
		} else {
			if (deadline_ns)
				sched_timer_arm(&self->timeout, deadline_ns);
			schedule();
		}
	}
	self->interruptible = false;
	result = self->block_result;
	spin_unlock(&sched_lock);
	if (deadline_ns)
		sched_timer_cancel(&self->timeout);
	return result;
}

int thread_block_unlock(spinlock_t *lock, uint64_t deadline_ns, unsigned int flags)
{
	irq_flags_t irq = irq_save();
	int result;

	thread_prepare_block(flags);
	if (lock)
		spin_unlock(lock);
	result = thread_block_prepared(deadline_ns);
	irq_restore(irq);
	return result;
}

int thread_block(uint64_t deadline_ns)
{
	return thread_block_unlock(NULL, deadline_ns, 0);
}

void thread_sleep_ns(uint64_t ns)
{
	thread_block(plat_clock_ns() + ns);
}
