/* Counting semaphores over a wait queue. */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/semaphore.h>

void semaphore_init(struct semaphore *s, long count)
{
	s->count = count;
	waitq_init(&s->waiters);
}

int semaphore_down_until(struct semaphore *s, uint64_t deadline_ns)
{
	irq_flags_t flags = irq_save();
	int err = 0;

	while (s->count == 0 && !err)
		err = waitq_wait(&s->waiters, deadline_ns);
	if (!err)
		s->count--;
	irq_restore(flags);
	return err;
}

void semaphore_down(struct semaphore *s)
{
	semaphore_down_until(s, 0);
}

void semaphore_up(struct semaphore *s)
{
	irq_flags_t flags = irq_save();

	s->count++;
	waitq_wake_one(&s->waiters);
	irq_restore(flags);
}
