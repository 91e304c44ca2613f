/*
 * What a scheduler implementation provides to the scheduler API: the run
 * queue's policy.  Everything here is called with the scheduler lock held
 * (interrupts off); the API does the switching, idling and accounting.
 */
#ifndef TESSERA_SCHED_IMPL_H
#define TESSERA_SCHED_IMPL_H

#include <tessera/sched.h>

/* t became runnable (and is not running). */
void sched_impl_enqueue(struct thread *t);
/* t, runnable and queued, must leave the run queue (thread_freeze). */
void sched_impl_dequeue(struct thread *t);
/*
 * Take the thread to run next off the run queue, or NULL if it is empty.
 * The previous thread, if still runnable, was enqueued just before.
 */
struct thread *sched_impl_pick_next(void);

/* t just ran for ns nanoseconds (charged at every switch and before every pick). */
void sched_impl_charge(struct thread *t, uint64_t ns);

/* t gives up the CPU (thread_yield): it should run after the threads waiting for it. */
void sched_impl_yield(struct thread *t);

/* t gives up the CPU (thread_yield_to_next): it should run right after the next thread. */
void sched_impl_yield_to_next(struct thread *t);

/* For implementations: ask the running thread to give up the CPU at its next preemption point. */
void sched_request_preemption(void);

#endif
