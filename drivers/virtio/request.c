/*
 * Synchronous requests over a virtqueue (see virtio_request() in
 * <tessera/virtio.h>).  Each request's token is a completion on its
 * caller's stack; the queue's callback, from the interrupt handler or from
 * a polling caller, marks completions done.  Queue operations run with
 * interrupts off, since the interrupt handler reaps the same queue.
 */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/virtio.h>
#include "wait.h"

struct completion {
	bool done;
	uint32_t len;
};

static void reap(struct virtqueue *vq)
{
	struct completion *c;
	uint32_t len;

	while ((c = virtqueue_get_used(vq, &len))) {
		c->len = len;
		c->done = true;
	}
	request_wake(vq);
}

struct virtqueue *virtio_setup_request_queue(struct virtio_device *vdev, unsigned int index)
{
	struct virtqueue *vq = virtio_setup_queue(vdev, index, reap);

	if (vq)
		request_queue_prepare(vq);
	return vq;
}

long virtio_request(struct virtqueue *vq, const struct virtio_sg *sg, unsigned int out,
		    unsigned int in)
{
	struct completion c = {false, 0};
	irq_flags_t flags = irq_save();
	int err;

	while ((err = virtqueue_add(vq, sg, out, in, &c)) == -ENOSPC && !vq->broken)
		request_wait(vq);
	if (!err) {
		virtio_kick(vq);
		while (!READ_ONCE(c.done) && !vq->broken)
			request_wait(vq);
	}
	irq_restore(flags);
	if (err)
		return err;
	return c.done ? (long)c.len : -EIO;
}
