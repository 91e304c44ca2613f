/*
 * How virtio_request() waits for the device: wait_sched.c blocks the thread
 * until the queue's interrupt, wait_poll.c (no scheduler) reaps the used ring
 * itself.  The build picks one.
 */
#ifndef VIRTIO_WAIT_H
#define VIRTIO_WAIT_H

#include <tessera/virtqueue.h>

/* A request queue was set up. */
void request_queue_prepare(struct virtqueue *vq);
/* Called, interrupts off, until the caller's condition holds; returns with interrupts off. */
void request_wait(struct virtqueue *vq);
/* vq's callback reaped used buffers: waiters should look again. */
void request_wake(struct virtqueue *vq);

#endif
