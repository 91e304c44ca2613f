/* Counting semaphores; semaphore_up() may be called from interrupt handlers. */
#ifndef TESSERA_SEMAPHORE_H
#define TESSERA_SEMAPHORE_H

#include <stdint.h>
#include <tessera/sched.h>

struct semaphore {
	long count;
	struct waitq waiters;
};

void semaphore_init(struct semaphore *s, long count);
void semaphore_down(struct semaphore *s);
/* 0, or -ETIMEDOUT if the count stayed 0 until monotonic time deadline_ns. */
int semaphore_down_until(struct semaphore *s, uint64_t deadline_ns);
void semaphore_up(struct semaphore *s);

#endif
