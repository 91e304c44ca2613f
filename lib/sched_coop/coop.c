/*
 * Cooperative round-robin scheduling: a FIFO run queue; a thread runs until
 * it yields, blocks or exits.  Timer and device interrupts only make threads
 * runnable.  With nothing runnable, the CPU halts until an interrupt.
 */
#include <tessera/arch/irq.h>
#include <tessera/boot.h>
#include <tessera/plat/time.h>
#include <tessera/sched_impl.h>

static LIST_HEAD(run_queue);
static uint64_t idle_ns;

uint64_t sched_idle_ns(void)
{
	return idle_ns;
}

static void idle(void)
{
	uint64_t start = plat_clock_ns();

	while (list_empty(&run_queue))
		cpu_wait_for_interrupt();
	idle_ns += plat_clock_ns() - start;
}

void sched_impl_enqueue(struct thread *t)
{
	list_add_tail(&t->run_link, &run_queue);
}

void sched_impl_schedule(void)
{
	struct thread *prev = thread_current(), *next;

	if (prev->state == THREAD_RUNNABLE)
		sched_impl_enqueue(prev);
	if (list_empty(&run_queue))
		idle();
	next = list_entry(list_pop_front(&run_queue), struct thread, run_link);
	sched_switch(prev, next);
}
