/* Sleeping mutual exclusion between threads; not for interrupt handlers. */
#ifndef TESSERA_MUTEX_H
#define TESSERA_MUTEX_H

#include <stdbool.h>
#include <tessera/sched.h>

struct mutex {
	struct thread *owner;
	struct waitq waiters;
};

#define MUTEX_INIT(name) {NULL, WAITQ_INIT((name).waiters)}

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

#endif
