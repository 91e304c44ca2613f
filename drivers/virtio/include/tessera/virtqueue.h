/*
 * Split virtqueues (virtio 1.x, section 2.7): the ring logic, free of any
 * transport.
 *
 * The driver owns a descriptor table, an available ring it writes and a used
 * ring the device writes, all in one zeroed, page-aligned block of memory.
 * virtqueue_add() takes a chain of buffers (those the device reads, then
 * those it writes) from the free descriptors and publishes its head;
 * virtqueue_get_used() returns, in the device's order, what the device has
 * finished with, and puts its descriptors back on the free list.  Indices
 * run freely over 16 bits; the queue size is a power of two, so slots are the
 * low bits.  Fields are little-endian, as on x86.
 *
 * The caller serialises calls on one queue (for instance with interrupts off
 * when its interrupt handler also reaps it).
 */
#ifndef TESSERA_VIRTQUEUE_H
#define TESSERA_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/list.h>

#define VIRTQ_MAX_SIZE 32768

#define VIRTQ_DESC_F_NEXT          1 /* the chain continues at next */
#define VIRTQ_DESC_F_WRITE         2 /* the device writes this buffer */
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1 /* driver to device: no interrupts, please */
#define VIRTQ_USED_F_NO_NOTIFY     1 /* device to driver: no notifications, please */

struct virtq_desc {
	uint64_t addr; /* physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[]; /* then used_event, unused without VIRTIO_F_EVENT_IDX */
};

struct virtq_used_elem {
	uint32_t id; /* head of the chain */
	uint32_t len; /* bytes the device wrote */
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[]; /* then avail_event */
};

/* One buffer of a chain: virtually and physically contiguous (kernel memory). */
struct virtio_sg {
	const void *buf; /* written by the device if it is an "in" buffer */
	uint32_t len;
};

struct virtio_device;

struct virtqueue {
	struct virtio_device *vdev;
	unsigned int index; /* the device's queue number */
	uint16_t num;       /* entries: a power of two */
	uint16_t num_free;  /* descriptors on the free list */
	uint16_t free_head; /* free descriptors are chained through next */
	uint16_t avail_idx; /* our copy of avail->idx */
	uint16_t told_idx;  /* avail_idx when the device was last notified, or declined it */
	uint16_t last_used; /* the next used entry to reap */
	bool broken;        /* the device returned nonsense: nothing more is reaped */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	/* Run, interrupts off, when the device has used buffers (see virtio_interrupt()). */
	void (*callback)(struct virtqueue *vq);
	struct list_head link; /* in the device's list of queues */
	void *tokens[];        /* by head descriptor: what virtqueue_add() was given */
};

/* Bytes of ring memory for num entries, and of a struct virtqueue with its tokens. */
size_t virtqueue_ring_size(unsigned int num);
size_t virtqueue_struct_size(unsigned int num);

/* Lay the rings out in ring (zeroed, 4096-aligned, virtqueue_ring_size(num) bytes). */
void virtqueue_init(struct virtqueue *vq, unsigned int num, void *ring);

/*
 * Publish a chain of out (device-readable) then in (device-writable) buffers
 * from sg[], identified by token (not NULL).  0; -EINVAL for an empty chain
 * or one longer than the queue; -ENOSPC when too few descriptors are free.
 */
int virtqueue_add(struct virtqueue *vq, const struct virtio_sg *sg, unsigned int out,
		  unsigned int in, void *token);

/* Whether the device should be notified: chains were added since, and it asked to be. */
bool virtqueue_kick_prepare(struct virtqueue *vq);

/*
 * The token of the next chain the device has used, *len the bytes it wrote;
 * its descriptors are free again.  NULL when there is none (or the queue is
 * broken).
 */
void *virtqueue_get_used(struct virtqueue *vq, uint32_t *len);

/* Ask the device not to interrupt for this queue (for drivers that poll it). */
void virtqueue_disable_cb(struct virtqueue *vq);

/*
 * Ask for interrupts again; false when used buffers already wait (an
 * interrupt for them may never come: reap them first).
 */
bool virtqueue_enable_cb(struct virtqueue *vq);

#endif /* TESSERA_VIRTQUEUE_H */
