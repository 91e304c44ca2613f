/*
 * Wait queues and timed waits.
 *
 * A thread with a deadline is also kept on the sleepers list, sorted by
 * wake time; the platform timer is armed for the earliest one, and its
 * interrupt wakes every thread whose time has come.  thread_sleep_ns() is a
 * timed wait on a queue nobody wakes.
 */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/boot.h>
#include <tessera/plat/time.h>
#include <tessera/sched_impl.h>

static LIST_HEAD(sleepers);

static void arm_for_earliest(void)
{
	struct thread *first = list_first_entry_or_null(&sleepers, struct thread, sleep_link);

	if (first)
		plat_timer_arm(first->wake_time);
	else
		plat_timer_disarm();
}

static void add_sleeper(struct thread *t)
{
	struct thread *pos;

	list_for_each_entry(pos, &sleepers, sleep_link) {
		if (pos->wake_time > t->wake_time)
			break;
	}
	list_add_tail(&t->sleep_link, &pos->sleep_link);
	arm_for_earliest();
}

static void make_runnable(struct thread *t)
{
	list_del(&t->run_link);
	if (!list_empty(&t->sleep_link)) {
		list_del(&t->sleep_link);
		arm_for_earliest();
	}
	t->waiting_on = NULL;
	t->state = THREAD_RUNNABLE;
	sched_impl_enqueue(t);
}

static void timer_expired(void)
{
	uint64_t now = plat_clock_ns();
	struct thread *t, *tmp;

	list_for_each_entry_safe(t, tmp, &sleepers, sleep_link) {
		if (t->wake_time > now)
			break;
		t->timed_out = true;
		make_runnable(t);
	}
	arm_for_earliest();
}

int waitq_wait(struct waitq *wq, uint64_t deadline_ns)
{
	struct thread *self = thread_current();

	self->state = THREAD_BLOCKED;
	self->waiting_on = wq;
	self->timed_out = false;
	self->wake_time = deadline_ns;
	list_add_tail(&self->run_link, &wq->waiters);
	if (deadline_ns)
		add_sleeper(self);
	sched_impl_schedule();
	return self->timed_out ? -ETIMEDOUT : 0;
}

bool waitq_wake_one(struct waitq *wq)
{
	irq_flags_t flags = irq_save();
	struct list_head *first = wq->waiters.next;
	bool woke = first != &wq->waiters;

	if (woke)
		make_runnable(list_entry(first, struct thread, run_link));
	irq_restore(flags);
	return woke;
}

void waitq_wake_all(struct waitq *wq)
{
	while (waitq_wake_one(wq))
		;
}

void thread_sleep_ns(uint64_t ns)
{
	struct waitq nobody = WAITQ_INIT(nobody);
	irq_flags_t flags = irq_save();

	waitq_wait(&nobody, plat_clock_ns() + ns);
	irq_restore(flags);
}

static int sleep_init(void)
{
	plat_timer_set_handler(timer_expired);
	return 0;
}
INITCALL(sleep_init, INIT_LIB);
