/*
 * Futex wait queues: hashing, waking by key and bit set (and Linux's "at
 * least one" rule), requeueing between buckets and within one, and a
 * waiter leaving on its own after a requeue moved it.  thread_wake is
 * recorded instead of waking anything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tessera/sched.h>
#include "../queue.h"

#define MAX_WOKEN 16

static struct thread threads[MAX_WOKEN];
static struct thread *woken[MAX_WOKEN];
static int nr_woken;

void thread_wake(struct thread *t)
{
	assert_true(nr_woken < MAX_WOKEN);
	woken[nr_woken++] = t;
}

static int setup(void **state)
{
	(void)state;
	futex_queues_init();
	nr_woken = 0;
	return 0;
}

static struct futex_key key(uintptr_t addr)
{
	return (struct futex_key){.space = 1, .addr = addr, .shared = false};
}

static void wait_on(struct futex_q *q, uintptr_t addr, uint32_t bitset, int thread)
{
	struct futex_bucket *b;

	*q = (struct futex_q){.key = key(addr), .bitset = bitset, .thread = &threads[thread]};
	b = futex_bucket_of(&q->key);
	spin_lock(&b->lock);
	futex_enqueue(b, q);
	spin_unlock(&b->lock);
}

static int wake(uintptr_t addr, int nr, uint32_t bitset)
{
	struct futex_key k = key(addr);
	struct futex_bucket *b = futex_bucket_of(&k);
	int n;

	spin_lock(&b->lock);
	n = futex_wake_locked(b, &k, nr, bitset);
	spin_unlock(&b->lock);
	return n;
}

static int requeue(uintptr_t from, uintptr_t to, int nr_wake, int nr_requeue)
{
	struct futex_key k1 = key(from), k2 = key(to);
	struct futex_bucket *b1 = futex_bucket_of(&k1), *b2 = futex_bucket_of(&k2);
	irq_flags_t flags = futex_lock_pair(b1, b2);
	int n = futex_requeue_locked(b1, &k1, b2, &k2, nr_wake, nr_requeue);

	futex_unlock_pair(b1, b2, flags);
	return n;
}

/* Two addresses the hash puts in different buckets, and two in the same one. */
static void addresses(uintptr_t *a, uintptr_t *other_bucket, uintptr_t *same_bucket)
{
	struct futex_key ka = key(0x1000), k;

	*a = 0x1000;
	*other_bucket = *same_bucket = 0;
	for (uintptr_t addr = 0x1004; !*other_bucket || !*same_bucket; addr += 4) {
		k = key(addr);
		if (futex_bucket_of(&k) == futex_bucket_of(&ka))
			*same_bucket = *same_bucket ?: addr;
		else
			*other_bucket = *other_bucket ?: addr;
	}
}

static void test_hash_is_a_function_of_the_whole_key(void **state)
{
	struct futex_key a = key(0x1000), b = key(0x1000), c = key(0x1000);
	unsigned int used = 0;
	struct futex_bucket *seen[64];

	(void)state;
	c.shared = true;
	assert_ptr_equal(futex_bucket_of(&a), futex_bucket_of(&b));
	assert_true(futex_key_equal(&a, &b));
	assert_false(futex_key_equal(&a, &c));
	b.space = 2;
	assert_false(futex_key_equal(&a, &b));
	/* Neighbouring words spread over buckets. */
	for (uintptr_t addr = 0x1000; addr < 0x1000 + 64 * 4; addr += 4) {
		struct futex_key k = key(addr);
		struct futex_bucket *bucket = futex_bucket_of(&k);
		bool known = false;

		for (unsigned int i = 0; i < used; i++)
			known |= seen[i] == bucket;
		if (!known)
			seen[used++] = bucket;
	}
	assert_true(used > 48);
}

static void test_wake_in_order_up_to_nr(void **state)
{
	struct futex_q q[3];

	(void)state;
	for (int i = 0; i < 3; i++)
		wait_on(&q[i], 0x2000, ~0u, i);
	assert_int_equal(wake(0x2000, 2, ~0u), 2);
	assert_int_equal(nr_woken, 2);
	assert_ptr_equal(woken[0], &threads[0]);
	assert_ptr_equal(woken[1], &threads[1]);
	assert_null(q[0].bucket);
	assert_non_null(q[2].bucket);
	/* Linux wakes one even when asked for none. */
	assert_int_equal(wake(0x2000, 0, ~0u), 1);
	assert_ptr_equal(woken[2], &threads[2]);
	assert_int_equal(wake(0x2000, 1, ~0u), 0);
	assert_false(futex_dequeue(&q[2]));
}

static void test_wake_matches_key_and_bitset(void **state)
{
	uintptr_t a, other, same;
	struct futex_q q[3];

	(void)state;
	addresses(&a, &other, &same);
	wait_on(&q[0], a, 0x1, 0);
	wait_on(&q[1], same, ~0u, 1);
	wait_on(&q[2], a, 0x2, 2);
	assert_int_equal(wake(a, 10, 0x4), 0);
	assert_int_equal(wake(a, 10, 0x2), 1);
	assert_ptr_equal(woken[0], &threads[2]);
	assert_int_equal(wake(a, 10, ~0u), 1);
	assert_ptr_equal(woken[1], &threads[0]);
	assert_non_null(q[1].bucket); /* another futex in the same bucket */
	assert_true(futex_dequeue(&q[1]));
	assert_null(q[1].bucket);
}

static void test_requeue_between_buckets(void **state)
{
	uintptr_t a, other, same;
	struct futex_q q[4];

	(void)state;
	addresses(&a, &other, &same);
	for (int i = 0; i < 4; i++)
		wait_on(&q[i], a, 0x1, i);
	/* Wake 1, move 2: the counts, and who went where. */
	assert_int_equal(requeue(a, other, 1, 2), 3);
	assert_int_equal(nr_woken, 1);
	assert_ptr_equal(woken[0], &threads[0]);
	for (int i = 1; i <= 2; i++) {
		struct futex_key k = key(other);

		assert_true(futex_key_equal(&q[i].key, &k));
		assert_ptr_equal(q[i].bucket, futex_bucket_of(&k));
		assert_int_equal(q[i].bitset, 0x1); /* requeue keeps the bit set */
	}
	assert_true(futex_key_equal(&q[3].key, &(struct futex_key){1, a, false}));
	/* A requeued waiter that leaves on its own finds its new bucket. */
	assert_true(futex_dequeue(&q[1]));
	assert_int_equal(wake(other, 10, ~0u), 1);
	assert_ptr_equal(woken[1], &threads[2]);
	assert_int_equal(wake(a, 10, ~0u), 1);
	assert_ptr_equal(woken[2], &threads[3]);
}

static void test_requeue_within_a_bucket(void **state)
{
	uintptr_t a, other, same;
	struct futex_q q[3];

	(void)state;
	addresses(&a, &other, &same);
	for (int i = 0; i < 3; i++)
		wait_on(&q[i], a, ~0u, i);
	/* Same bucket: keys change in place, nobody is counted twice. */
	assert_int_equal(requeue(a, same, 0, 10), 3);
	assert_int_equal(nr_woken, 0);
	assert_int_equal(wake(a, 10, ~0u), 0);
	/* Onto itself: a count of the waiters that wakes none. */
	assert_int_equal(requeue(same, same, 0, 10), 3);
	assert_int_equal(nr_woken, 0);
	assert_int_equal(requeue(same, same, 0, 1), 1);
	assert_int_equal(wake(same, 10, ~0u), 3);
	assert_ptr_equal(woken[0], &threads[0]);
	assert_ptr_equal(woken[2], &threads[2]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hash_is_a_function_of_the_whole_key, setup),
		cmocka_unit_test_setup(test_wake_in_order_up_to_nr, setup),
		cmocka_unit_test_setup(test_wake_matches_key_and_bitset, setup),
		cmocka_unit_test_setup(test_requeue_between_buckets, setup),
		cmocka_unit_test_setup(test_requeue_within_a_bucket, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
