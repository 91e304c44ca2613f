/* Shared by the parts of lib/sched. */
#ifndef LIB_SCHED_INTERNAL_H
#define LIB_SCHED_INTERNAL_H

#include <tessera/sched.h>

/* A thread's timeout timer fired: wake it from its timed block (block.c). */
void thread_timeout_expired(struct sched_timer *timeout);

#endif
