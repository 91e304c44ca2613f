/*
 * What a scheduler implementation provides to the scheduler API.  Called
 * with interrupts disabled.
 */
#ifndef TESSERA_SCHED_IMPL_H
#define TESSERA_SCHED_IMPL_H

#include <tessera/sched.h>

/* t became runnable. */
void sched_impl_enqueue(struct thread *t);
/*
 * Switch to the next runnable thread.  The current thread, if still
 * runnable, stays eligible; if blocked, it runs again once woken.  With
 * nothing runnable, wait for interrupts until something is.
 */
void sched_impl_schedule(void);

/* For implementations: the switch itself, keeping the API's bookkeeping right. */
void sched_switch(struct thread *prev, struct thread *next);

#endif
