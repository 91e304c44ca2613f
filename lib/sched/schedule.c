/*
 * Switching threads: the one place that asks the implementation for the
 * next thread, idles when there is none, switches stacks and user state,
 * and accounts CPU time.  The scheduler lock is held across a switch and
 * released by the thread that resumes (in whatever called schedule(), or in
 * schedule_tail() for a new thread), which also frees the thread it
 * replaced if that one exited detached: a thread cannot free the stack it
 * is running on.
 */
#include <tessera/arch/context.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/assert.h>
#include <tessera/metrics.h>
#include <tessera/plat/time.h>
#include "sched_internal.h"

spinlock_t sched_lock = SPINLOCK_INIT;
struct thread *current_thread;
static struct thread *switched_from;
static bool preemption_requested;
static bool idling; /* in idle(), the lock dropped, waiting for an interrupt */
static uint64_t idle_ns;

METRIC_COUNTER(context_switches, "tessera_sched_context_switches_total",
	       "Switches from one thread to another");

struct thread *thread_current(void)
{
	return current_thread;
}

uint64_t sched_idle_ns(void)
{
	return idle_ns;
}

static void account(struct thread *t, uint64_t now)
{
	uint64_t ran = now - t->run_start;

	t->cpu_ns += ran;
	t->run_start = now;
	sched_impl_charge(t, ran);
}

uint64_t thread_cpu_ns(struct thread *t)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);
	uint64_t ns = t->cpu_ns;

	if (t == current_thread)
		ns += plat_clock_ns() - t->run_start;
	spin_unlock_irqrestore(&sched_lock, flags);
	return ns;
}

bool thread_on_cpu(struct thread *t)
{
	return t == current_thread && !idling;
}

/*
 * Nothing to run: wait for an interrupt to make something runnable, with the
 * lock dropped.  The blocked prev stays the current thread meanwhile, but
 * does not count as running: woken, it joins the run queue like any other.
 */
static struct thread *idle(void)
{
	uint64_t start = plat_clock_ns();
	struct thread *next;

	idling = true;
	while (!(next = sched_impl_pick_next())) {
		spin_unlock(&sched_lock);
		cpu_wait_for_interrupt();
		spin_lock(&sched_lock);
	}
	idling = false;
	idle_ns += plat_clock_ns() - start;
	return next;
}

void schedule_tail(void)
{
	struct thread *prev = switched_from;

	if (prev && prev->state == THREAD_EXITED && prev->detached)
		thread_free(prev);
}

static void switch_to(struct thread *prev, struct thread *next)
{
	next->run_start = plat_clock_ns();
	if (prev == next)
		return;
	metric_add(context_switches, 1);
	current_thread = next;
	if (prev->user || next->user)
		arch_user_state_switch(prev->user, next->user);
	trap_set_stack_bottom((uintptr_t)next->stack);
	switched_from = prev;
	arch_context_switch(&prev->sp, next->sp);
	schedule_tail();
}

void schedule(void)
{
	struct thread *prev = current_thread, *next;

	preemption_requested = false;
	account(prev, plat_clock_ns());
	if (prev->state == THREAD_RUNNABLE)
		sched_impl_enqueue(prev);
	next = sched_impl_pick_next();
	switch_to(prev, next ?: idle());
}

void thread_yield(void)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	sched_impl_yield(current_thread);
	schedule();
	spin_unlock_irqrestore(&sched_lock, flags);
}

void thread_yield_to_next(void)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	sched_impl_yield_to_next(current_thread);
	schedule();
	spin_unlock_irqrestore(&sched_lock, flags);
}

void sched_request_preemption(void)
{
	WRITE_ONCE(preemption_requested, true);
}

void sched_preempt_point(void)
{
	irq_flags_t flags;

	if (!READ_ONCE(preemption_requested))
		return;
	flags = spin_lock_irqsave(&sched_lock);
	schedule();
	spin_unlock_irqrestore(&sched_lock, flags);
}

void thread_freeze(struct thread *t)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	ASSERT(t != current_thread);
	if (!t->frozen && t->state == THREAD_RUNNABLE)
		sched_impl_dequeue(t);
	t->frozen = true;
	spin_unlock_irqrestore(&sched_lock, flags);
}

void thread_thaw(struct thread *t)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);

	if (t->frozen && t->state == THREAD_RUNNABLE)
		sched_impl_enqueue(t);
	t->frozen = false;
	spin_unlock_irqrestore(&sched_lock, flags);
}
