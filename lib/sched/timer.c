/*
 * Timers: callbacks at a monotonic deadline.  The armed timers are kept in
 * one list sorted by deadline; the platform's one-shot timer is armed for
 * the first, and its interrupt runs every timer whose time has come.
 * Timed blocks (thread_block with a deadline) are timers too.
 */
#include <tessera/arch/irq.h>
#include <tessera/boot.h>
#include <tessera/plat/time.h>
#include <tessera/sched.h>

static LIST_HEAD(timers);

static void arm_for_earliest(void)
{
	struct sched_timer *first = list_first_entry_or_null(&timers, struct sched_timer, link);

	if (first)
		plat_timer_arm(first->deadline);
	else
		plat_timer_disarm();
}

void sched_timer_init(struct sched_timer *t, void (*fn)(struct sched_timer *t))
{
	t->deadline = 0;
	t->fn = fn;
	list_init(&t->link);
}

void sched_timer_arm(struct sched_timer *t, uint64_t deadline_ns)
{
	irq_flags_t flags = irq_save();
	struct sched_timer *pos;

	list_del(&t->link);
	t->deadline = deadline_ns;
	list_for_each_entry(pos, &timers, link) {
		if (pos->deadline > deadline_ns)
			break;
	}
	list_add_tail(&t->link, &pos->link);
	arm_for_earliest();
	irq_restore(flags);
}

void sched_timer_cancel(struct sched_timer *t)
{
	irq_flags_t flags = irq_save();

	if (sched_timer_armed(t)) {
		list_del(&t->link);
		arm_for_earliest();
	}
	irq_restore(flags);
}

static void timer_expired(void)
{
	uint64_t now = plat_clock_ns();
	struct sched_timer *t;

	while ((t = list_first_entry_or_null(&timers, struct sched_timer, link)) &&
	       t->deadline <= now) {
		list_del(&t->link);
		t->fn(t);
	}
	arm_for_earliest();
}

static int timer_init(void)
{
	plat_timer_set_handler(timer_expired);
	return 0;
}
INITCALL(timer_init, INIT_LIB);
