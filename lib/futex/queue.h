/*
 * Futex wait queues: waiters hashed by key (address space and address) into
 * buckets, each with its own lock and list.  Portable: the host unit tests
 * build it with stand-ins for the spinlock and thread_wake.
 */
#ifndef LIB_FUTEX_QUEUE_H
#define LIB_FUTEX_QUEUE_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/arch/spinlock.h>
#include <tessera/list.h>

#define FUTEX_HASH_BITS 8

/* As on Linux, a private futex and a shared one at the same address never meet. */
struct futex_key {
	uint64_t space; /* mm_space_id() */
	uintptr_t addr;
	bool shared;
};

struct futex_bucket {
	spinlock_t lock;
	struct list_head waiters;
};

/* One thread waiting on one futex, on the waiter's stack. */
struct futex_q {
	struct futex_key key;
	uint32_t bitset;
	struct thread *thread;
	struct futex_bucket *bucket; /* where it waits (requeue moves it); NULL once woken */
	struct list_head link;
};

void futex_queues_init(void);
struct futex_bucket *futex_bucket_of(const struct futex_key *key);
bool futex_key_equal(const struct futex_key *a, const struct futex_key *b);

/* Lock one or two buckets (in a fixed order, once if they are the same), interrupts saved off. */
irq_flags_t futex_lock_pair(struct futex_bucket *a, struct futex_bucket *b);
void futex_unlock_pair(struct futex_bucket *a, struct futex_bucket *b, irq_flags_t flags);

/* With b locked: q (key, bitset, thread set) waits on b. */
void futex_enqueue(struct futex_bucket *b, struct futex_q *q);
/* Take q off its queue unless a waker did: true if it was still waiting. */
bool futex_dequeue(struct futex_q *q);

/*
 * With b locked: wake the waiters on key whose bit set meets bitset, in
 * arrival order, up to nr of them, at least one as Linux does (so that
 * FUTEX_WAKE with 0 wakes one).  Returns how many were woken.
 */
int futex_wake_locked(struct futex_bucket *b, const struct futex_key *key, int nr,
		      uint32_t bitset);
/*
 * With both locked: wake nr_wake waiters of key1 (any bit set), then move
 * up to nr_requeue more to key2.  Returns how many were woken or moved.
 */
int futex_requeue_locked(struct futex_bucket *b1, const struct futex_key *key1,
			 struct futex_bucket *b2, const struct futex_key *key2, int nr_wake,
			 int nr_requeue);

#endif
