/* Timers that send signals (see signal_timer.h). */
#include <string.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include "signal_timer.h"

uint64_t signal_timer_now(const struct signal_timer *t)
{
	switch (t->clock) {
	case SIGNAL_TIMER_PROCESS_CPU:
		return cpu_time_ns();
	case SIGNAL_TIMER_THREAD_CPU:
		return t->cpu_thread ? thread_cpu_ns(t->cpu_thread) : 0;
	default:
		return plat_clock_ns();
	}
}

/* The kernel timer, for when the clock reaches t->expires at the earliest. */
static void arm(struct signal_timer *t, uint64_t now)
{
	sched_timer_arm(&t->timer, plat_clock_ns() + (t->expires > now ? t->expires - now : 0));
}

static void fire(struct signal_timer *t)
{
	if (!t->notify)
		return;
	if (!list_empty(&t->entry.link)) {
		t->entry.info.si_overrun++;
		return;
	}
	t->entry.info.si_overrun = 0;
	signal_send_timer(t->process, t->thread, &t->entry);
}

static void expired(struct sched_timer *timer)
{
	struct signal_timer *t = container_of(timer, struct signal_timer, timer);
	uint64_t now = signal_timer_now(t), missed;

	if (!t->expires)
		return;
	if (now < t->expires) {
		arm(t, now);
		return;
	}
	fire(t);
	if (!t->interval) {
		t->expires = 0;
		return;
	}
	missed = (now - t->expires) / t->interval;
	t->entry.info.si_overrun += t->notify && !list_empty(&t->entry.link) ? missed : 0;
	t->expires += (missed + 1) * t->interval;
	arm(t, now);
}

void signal_timer_init(struct signal_timer *t, struct signal_process *p,
		       enum signal_timer_clock clock)
{
	memset(t, 0, sizeof(*t));
	sched_timer_init(&t->timer, expired);
	t->clock = clock;
	t->process = p;
	t->notify = true;
	list_init(&t->entry.link);
	t->entry.preallocated = true;
}

void signal_timer_set(struct signal_timer *t, uint64_t expires, uint64_t interval)
{
	irq_flags_t flags = irq_save();

	t->expires = expires;
	t->interval = expires ? interval : 0;
	if (expires)
		arm(t, signal_timer_now(t));
	else
		sched_timer_cancel(&t->timer);
	irq_restore(flags);
}

uint64_t signal_timer_left(const struct signal_timer *t)
{
	uint64_t expires = READ_ONCE(t->expires), now;

	if (!expires)
		return 0;
	now = signal_timer_now(t);
	return expires > now ? expires - now : 1;
}

void signal_timer_stop(struct signal_timer *t)
{
	irq_flags_t flags;

	signal_timer_set(t, 0, 0);
	sched_timer_cancel(&t->timer);
	flags = spin_lock_irqsave(&signal_lock);
	if (!list_empty(&t->entry.link)) {
		struct sigpending *q = t->thread ? &t->thread->pending : &t->process->shared;
		int sig = t->entry.info.si_signo;
		struct sigqueue *e;
		bool more = false;

		list_del(&t->entry.link);
		list_for_each_entry(e, &q->queue, link)
			more |= e->info.si_signo == sig;
		if (!more)
			q->set &= ~SIGNAL_BIT(sig);
	}
	spin_unlock_irqrestore(&signal_lock, flags);
}
