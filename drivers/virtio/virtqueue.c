/*
 * Split virtqueues: descriptor chains, the available and used rings, the
 * free-descriptor list.  See <tessera/virtqueue.h>.
 *
 * Ordering: the device may read a descriptor as soon as it sees its head in
 * avail->idx, so the chain and the ring slot are written before the index
 * (release); used entries are read after used->idx (acquire).  Deciding
 * whether to notify reads used->flags after publishing avail->idx, which
 * needs a full barrier.
 */
#include <errno.h>
#include <tessera/arch/layout.h>
#include <tessera/compiler.h>
#include <tessera/virtqueue.h>

static size_t avail_offset(unsigned int num)
{
	return sizeof(struct virtq_desc) * num;
}

static size_t used_offset(unsigned int num)
{
	/* flags, idx, ring[num], used_event; the used ring is 4-byte aligned. */
	return ALIGN_UP(avail_offset(num) + sizeof(uint16_t) * (3 + num), 4);
}

size_t virtqueue_ring_size(unsigned int num)
{
	return used_offset(num) + sizeof(uint16_t) * 3 + sizeof(struct virtq_used_elem) * num;
}

size_t virtqueue_struct_size(unsigned int num)
{
	return sizeof(struct virtqueue) + sizeof(void *) * num;
}

void virtqueue_init(struct virtqueue *vq, unsigned int num, void *ring)
{
	vq->num = num;
	vq->num_free = num;
	vq->free_head = 0;
	vq->avail_idx = 0;
	vq->told_idx = 0;
	vq->last_used = 0;
	vq->broken = false;
	vq->desc = ring;
	vq->avail = (struct virtq_avail *)((char *)ring + avail_offset(num));
	vq->used = (struct virtq_used *)((char *)ring + used_offset(num));
	for (unsigned int i = 0; i < num; i++) {
		vq->desc[i].next = i + 1; /* the last one's link is never followed */
		vq->tokens[i] = NULL;
	}
}

int virtqueue_add(struct virtqueue *vq, const struct virtio_sg *sg, unsigned int out,
		  unsigned int in, void *token)
{
	unsigned int n = out + in;
	uint16_t head = vq->free_head, i = head;

	if (n == 0 || n > vq->num || !token)
		return -EINVAL;
	if (n > vq->num_free)
		return -ENOSPC;
	/* Free descriptors are already linked through next: take the first n in order. */
	for (unsigned int k = 0; k < n; k++) {
		struct virtq_desc *d = &vq->desc[i];

		d->addr = virt_to_phys(sg[k].buf);
		d->len = sg[k].len;
		d->flags = (k >= out ? VIRTQ_DESC_F_WRITE : 0) | (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		i = d->next;
	}
	vq->free_head = i;
	vq->num_free -= n;
	vq->tokens[head] = token;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(vq->avail->idx, ++vq->avail_idx);
	return 0;
}

bool virtqueue_kick_prepare(struct virtqueue *vq)
{
	if (vq->told_idx == vq->avail_idx)
		return false;
	vq->told_idx = vq->avail_idx;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(READ_ONCE(vq->used->flags) & VIRTQ_USED_F_NO_NOTIFY);
}

/* Put the chain starting at head back on the free list; false if it is not a chain. */
static bool free_chain(struct virtqueue *vq, uint16_t head)
{
	uint16_t tail = head;
	unsigned int n = 1;

	while (vq->desc[tail].flags & VIRTQ_DESC_F_NEXT) {
		tail = vq->desc[tail].next;
		if (tail >= vq->num || ++n > vq->num)
			return false;
	}
	vq->desc[tail].next = vq->free_head;
	vq->free_head = head;
	vq->num_free += n;
	return true;
}

void *virtqueue_get_used(struct virtqueue *vq, uint32_t *len)
{
	uint16_t used_idx = READ_ONCE(vq->used->idx);
	struct virtq_used_elem elem;
	void *token;

	if (vq->broken || used_idx == vq->last_used)
		return NULL;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	elem = vq->used->ring[vq->last_used & (vq->num - 1)];
	/* A device that returns more than it was given, or what it was not given, is broken. */
	if ((uint16_t)(used_idx - vq->last_used) > vq->num || elem.id >= vq->num ||
	    !vq->tokens[elem.id] || !free_chain(vq, elem.id)) {
		vq->broken = true;
		return NULL;
	}
	vq->last_used++;
	token = vq->tokens[elem.id];
	vq->tokens[elem.id] = NULL;
	*len = elem.len;
	return token;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
	vq->avail->flags |= VIRTQ_AVAIL_F_NO_INTERRUPT;
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	vq->avail->flags &= ~VIRTQ_AVAIL_F_NO_INTERRUPT;
	/* The device reads the flag before it publishes more: order our look after the write. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return READ_ONCE(vq->used->idx) == vq->last_used;
}
