/*
 * Requests block their thread; the queue's interrupt wakes them all and each
 * checks its own completion.  One wait queue serves every request queue:
 * few requests are in flight at a time.
 */
#include <tessera/sched.h>
#include "wait.h"

static struct waitq waiters = WAITQ_INIT(waiters);

void request_queue_prepare(struct virtqueue *vq)
{
	(void)vq; /* its interrupts stay on */
}

void request_wait(struct virtqueue *vq)
{
	(void)vq;
	waitq_wait(&waiters, 0);
}

void request_wake(struct virtqueue *vq)
{
	(void)vq;
	waitq_wake_all(&waiters);
}
