/*
 * Blocking and waking threads, with optional deadlines.  A thread with a
 * deadline is kept on the sleepers list, sorted by wake time; the platform
 * timer is armed for the earliest one, and its interrupt wakes every thread
 * whose time has come.
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

void thread_wake(struct thread *t)
{
	irq_flags_t flags = irq_save();

	if (t->state == THREAD_BLOCKED) {
		if (!list_empty(&t->sleep_link)) {
			list_del(&t->sleep_link);
			arm_for_earliest();
		}
		t->state = THREAD_RUNNABLE;
		sched_impl_enqueue(t);
	}
	irq_restore(flags);
}

static void timer_expired(void)
{
	uint64_t now = plat_clock_ns();
	struct thread *t, *tmp;

	list_for_each_entry_safe(t, tmp, &sleepers, sleep_link) {
		if (t->wake_time > now)
			break;
		t->timed_out = true;
		thread_wake(t);
	}
	arm_for_earliest();
}

int thread_block(uint64_t deadline_ns)
{
	struct thread *self = thread_current();

	self->state = THREAD_BLOCKED;
	self->timed_out = false;
	self->wake_time = deadline_ns;
	if (deadline_ns)
		add_sleeper(self);
	sched_impl_schedule();
	return self->timed_out ? -ETIMEDOUT : 0;
}

void thread_sleep_ns(uint64_t ns)
{
	irq_flags_t flags = irq_save();

	thread_block(plat_clock_ns() + ns);
	irq_restore(flags);
}

static int block_init(void)
{
	plat_timer_set_handler(timer_expired);
	return 0;
}
INITCALL(block_init, INIT_LIB);
