/*
 * Futex wait queues (see queue.h).  A waker takes a waiter off its list and
 * clears its bucket pointer before waking its thread: the waiter, which may
 * also leave on its own (timeout, interruption), looks at that pointer under
 * the bucket's lock to know which happened, and follows it when a requeue
 * moved it to another bucket meanwhile.
 */
#include <tessera/sched.h>
#include "queue.h"

static struct futex_bucket buckets[1u << FUTEX_HASH_BITS];

void futex_queues_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(buckets); i++) {
		spin_lock_init(&buckets[i].lock);
		list_init(&buckets[i].waiters);
	}
}

struct futex_bucket *futex_bucket_of(const struct futex_key *key)
{
	uint64_t h = ((uint64_t)key->addr >> 2) ^ (key->space * 0x9e3779b97f4a7c15ULL);

	h *= 0x9e3779b97f4a7c15ULL;
	return &buckets[h >> (64 - FUTEX_HASH_BITS)];
}

bool futex_key_equal(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr && a->shared == b->shared;
}

irq_flags_t futex_lock_pair(struct futex_bucket *a, struct futex_bucket *b)
{
	irq_flags_t flags = spin_lock_irqsave(a < b ? &a->lock : &b->lock);

	if (a != b)
		spin_lock(a < b ? &b->lock : &a->lock);
	return flags;
}

void futex_unlock_pair(struct futex_bucket *a, struct futex_bucket *b, irq_flags_t flags)
{
	if (a != b)
		spin_unlock(&b->lock);
	spin_unlock_irqrestore(&a->lock, flags);
}

void futex_enqueue(struct futex_bucket *b, struct futex_q *q)
{
	q->bucket = b;
	list_add_tail(&q->link, &b->waiters);
}

bool futex_dequeue(struct futex_q *q)
{
	struct futex_bucket *b;
	irq_flags_t flags;

	for (;;) {
		b = __atomic_load_n(&q->bucket, __ATOMIC_ACQUIRE);
		if (!b)
			return false;
		flags = spin_lock_irqsave(&b->lock);
		if (b == q->bucket)
			break;
		spin_unlock_irqrestore(&b->lock, flags); /* requeued meanwhile: follow it */
	}
	list_del(&q->link);
	q->bucket = NULL;
	spin_unlock_irqrestore(&b->lock, flags);
	return true;
}

static void wake(struct futex_q *q)
{
	struct thread *t = q->thread;

	list_del(&q->link);
	/* The last touch of q: once the waiter sees NULL it may return and q is gone. */
	__atomic_store_n(&q->bucket, NULL, __ATOMIC_RELEASE);
	thread_wake(t);
}

int futex_wake_locked(struct futex_bucket *b, const struct futex_key *key, int nr,
		      uint32_t bitset)
{
	struct futex_q *q, *tmp;
	int woken = 0;

	list_for_each_entry_safe(q, tmp, &b->waiters, link) {
		if (!futex_key_equal(&q->key, key) || !(q->bitset & bitset))
			continue;
		wake(q);
		if (++woken >= nr)
			break;
	}
	return woken;
}

int futex_requeue_locked(struct futex_bucket *b1, const struct futex_key *key1,
			 struct futex_bucket *b2, const struct futex_key *key2, int nr_wake,
			 int nr_requeue)
{
	struct futex_q *q, *tmp;
	int count = 0;

	list_for_each_entry_safe(q, tmp, &b1->waiters, link) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_key_equal(&q->key, key1))
			continue;
		if (++count <= nr_wake) {
			wake(q);
			continue;
		}
		q->key = *key2;
		if (b1 != b2) {
			list_del(&q->link);
			list_add_tail(&q->link, &b2->waiters);
			q->bucket = b2;
		}
	}
	return count;
}
