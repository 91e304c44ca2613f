/* Shared by the parts of lib/sched. */
#ifndef LIB_SCHED_INTERNAL_H
#define LIB_SCHED_INTERNAL_H

#include <tessera/sched_impl.h>

/* Guards every thread's state and the run queue (see <tessera/sched.h>). */
extern spinlock_t sched_lock;

/*
 * Run the next thread (the current one again if it is still runnable and
 * the implementation says so).  Called with sched_lock held and interrupts
 * off; the lock is held across the switch and released by the thread that
 * resumes, so it returns with sched_lock held.
 */
void schedule(void);
/* A new thread's first step: what a switch back into schedule() would have done. */
void schedule_tail(void);
/* t runs now: the current thread, unless the CPU idles in its place. */
bool thread_on_cpu(struct thread *t);
/* Make a blocked thread runnable, its block returning result; false if it was not blocked. */
bool wake_locked(struct thread *t, int result);
/* Set up t's part in blocking (its deadline timer). */
void block_init_thread(struct thread *t);
/* Every change of a thread's state goes through here, so that threads are counted by state. */
void thread_set_state(struct thread *t, enum thread_state state);
/* Free what t owns, once exited; the boot thread owns nothing. */
void thread_free(struct thread *t);
/* The thread running now (sched_lock or interrupts off). */
extern struct thread *current_thread;

#endif
