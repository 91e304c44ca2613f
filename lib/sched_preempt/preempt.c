/*
 * Preemptive fair scheduling, after Linux's CFS without weights: each
 * thread's virtual run time is the CPU time it has used, and the runnable
 * thread that has used least runs next, for at most one time slice
 * (CONFIG_SCHED_PREEMPT_SLICE_MS) while others wait.  A timer marks the end
 * of the slice, and the thread gives up the CPU at its next preemption
 * point: when it is about to resume application code (after the timer's own
 * interrupt, if it was running that code), never in the middle of kernel
 * code.
 *
 * Fairness: CPU time is shared equally among the threads that want it.  A
 * thread spinning without syscalls cannot starve anyone: it is preempted
 * after a slice and runs again only once the others have used as much.
 * Threads that mostly wait (on futexes, I/O, timers) have used little, so
 * they run soon after they are woken: a woken thread that has used at
 * least WAKEUP_GRANULARITY_NS less than the running one takes the CPU at
 * the running thread's next preemption point.  So that sleeping cannot be
 * saved up, a woken or new thread starts at most half a slice ahead of the
 * least-served runnable one (min_vruntime).  There are no priorities: nice
 * values and scheduling policies are accepted and reported by the process
 * library but do not change the order.  sched_yield puts the thread behind
 * every one waiting.  With one runnable thread no slice timer is armed.
 */
#include <tessera/plat/time.h>
#include <tessera/sched_impl.h>

#define SLICE_NS              ((uint64_t)CONFIG_SCHED_PREEMPT_SLICE_MS * NSEC_PER_MSEC)
#define WAKEUP_CREDIT_NS      (SLICE_NS / 2)
#define WAKEUP_GRANULARITY_NS NSEC_PER_MSEC

static void slice_over(struct sched_timer *t)
{
	(void)t;
	sched_request_preemption();
}

static LIST_HEAD(run_queue); /* by virtual run time; equal ones in arrival order */
static struct sched_timer slice_end = SCHED_TIMER_INIT(slice_end, slice_over);
static uint64_t min_vruntime; /* never goes back */

void sched_impl_charge(struct thread *t, uint64_t ns)
{
	t->vruntime += ns;
}

void sched_impl_enqueue(struct thread *t)
{
	struct thread *pos, *running = thread_current();

	if (t->vruntime + WAKEUP_CREDIT_NS < min_vruntime)
		t->vruntime = min_vruntime - WAKEUP_CREDIT_NS;
	list_for_each_entry(pos, &run_queue, run_link) {
		if (pos->vruntime > t->vruntime)
			break;
	}
	list_add_tail(&t->run_link, &pos->run_link);
	if (t != running && t->vruntime + WAKEUP_GRANULARITY_NS < running->vruntime)
		sched_request_preemption();
	/* The running thread's slice starts when someone else wants the CPU. */
	if (!sched_timer_armed(&slice_end))
		sched_timer_arm(&slice_end, plat_clock_ns() + SLICE_NS);
}

/* sched_yield: behind every thread waiting now, whatever it has used. */
void sched_impl_yield(struct thread *t)
{
	struct thread *last = list_empty(&run_queue) ? NULL :
				list_entry(run_queue.prev, struct thread, run_link);

	if (last)
		t->vruntime = MAX(t->vruntime, last->vruntime);
}

/* thread_yield_to_next: behind the first thread waiting, ahead of the others. */
void sched_impl_yield_to_next(struct thread *t)
{
	struct thread *first = list_first_entry_or_null(&run_queue, struct thread, run_link);

	if (first)
		t->vruntime = MAX(t->vruntime, first->vruntime);
}

void sched_impl_dequeue(struct thread *t)
{
	list_del(&t->run_link);
}

struct thread *sched_impl_pick_next(void)
{
	struct list_head *first = list_pop_front(&run_queue);
	struct thread *next;

	if (!first)
		return NULL;
	next = list_entry(first, struct thread, run_link);
	min_vruntime = MAX(min_vruntime, next->vruntime);
	if (list_empty(&run_queue))
		sched_timer_cancel(&slice_end);
	else
		sched_timer_arm(&slice_end, plat_clock_ns() + SLICE_NS);
	return next;
}
