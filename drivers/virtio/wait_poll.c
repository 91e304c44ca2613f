/*
 * Without a scheduler there is one thread: it polls the used ring, and the
 * device is asked not to interrupt for request queues.
 */
#include <tessera/arch/cpu.h>
#include "wait.h"

void request_queue_prepare(struct virtqueue *vq)
{
	virtqueue_disable_cb(vq);
}

void request_wait(struct virtqueue *vq)
{
	cpu_relax();
	vq->callback(vq);
}

void request_wake(struct virtqueue *vq)
{
	(void)vq; /* the only waiter is the poller itself */
}
