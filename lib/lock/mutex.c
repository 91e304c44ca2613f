/*
 * Mutexes: an owner and a wait queue.  Unlock hands the mutex straight to
 * the longest waiter, so that waiters are served in order and a thread that
 * unlocks and relocks in a loop cannot starve them.
 */
#include <tessera/arch/irq.h>
#include <tessera/assert.h>
#include <tessera/mutex.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	waitq_init(&m->waiters);
}

void mutex_lock(struct mutex *m)
{
	irq_flags_t flags = irq_save();
	struct thread *self = thread_current();

	ASSERT(m->owner != self);
	if (m->owner)
		waitq_wait(&m->waiters, 0); /* returns owning the mutex */
	else
		m->owner = self;
	irq_restore(flags);
}

bool mutex_trylock(struct mutex *m)
{
	irq_flags_t flags = irq_save();
	bool taken = !m->owner;

	if (taken)
		m->owner = thread_current();
	irq_restore(flags);
	return taken;
}

void mutex_unlock(struct mutex *m)
{
	irq_flags_t flags = irq_save();
	struct thread *next;

	ASSERT(m->owner == thread_current());
	next = waitq_first(&m->waiters);
	m->owner = next;
	if (next)
		waitq_wake_one(&m->waiters);
	irq_restore(flags);
}
