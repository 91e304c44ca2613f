/*
 * The robust-list walk at a thread's death: owned locks marked, others'
 * left alone, waiters woken, the pending lock, PI entries, circular lists
 * cut at Linux's limit.  The futex words are the test's own memory;
 * futex_wake_address is recorded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/futex.h>
#include <tessera/futex.h>

#define TID 1234

struct lock {
	struct lock *next;
	uint32_t word;
};

struct head {
	struct lock *next;
	long futex_offset;
	struct lock *pending;
};

static uint32_t *wakes[8];
static int nr_wakes;

int futex_wake_address(uint32_t *uaddr, int nr)
{
	assert_int_equal(nr, 1);
	if (nr_wakes < 8)
		wakes[nr_wakes] = uaddr;
	nr_wakes++;
	return 0;
}

int futex_fault_in_writable(uint32_t *uaddr)
{
	(void)uaddr;
	return 0;
}

static struct head head;
static struct lock locks[3];

static int setup(void **state)
{
	(void)state;
	nr_wakes = 0;
	head = (struct head){&locks[0], offsetof(struct lock, word), NULL};
	locks[0] = (struct lock){&locks[1], TID | FUTEX_WAITERS};
	locks[1] = (struct lock){&locks[2], TID + 1};
	locks[2] = (struct lock){(struct lock *)&head, TID};
	return 0;
}

static void test_owned_locks_marked_and_waiters_woken(void **state)
{
	(void)state;
	futex_exit_robust_list((uintptr_t)&head, TID);
	assert_int_equal(locks[0].word, FUTEX_WAITERS | FUTEX_OWNER_DIED);
	assert_int_equal(locks[1].word, TID + 1);
	assert_int_equal(locks[2].word, FUTEX_OWNER_DIED);
	assert_int_equal(nr_wakes, 1); /* only the lock with waiters */
	assert_ptr_equal(wakes[0], &locks[0].word);
}

static void test_pending_lock(void **state)
{
	static struct lock released = {NULL, 0}, taken = {NULL, TID | FUTEX_WAITERS};

	(void)state;
	head.pending = &released;
	futex_exit_robust_list((uintptr_t)&head, TID);
	assert_int_equal(released.word, 0);
	assert_int_equal(nr_wakes, 2); /* a released pending lock's waiter may take it */
	assert_ptr_equal(wakes[1], &released.word);
	/* A pending lock also on the list is handled once. */
	setup(NULL);
	head.pending = &locks[0];
	futex_exit_robust_list((uintptr_t)&head, TID);
	assert_int_equal(nr_wakes, 1);
	setup(NULL);
	head.pending = &taken;
	futex_exit_robust_list((uintptr_t)&head, TID);
	assert_int_equal(taken.word, FUTEX_WAITERS | FUTEX_OWNER_DIED);
	assert_int_equal(nr_wakes, 2);
}

static void test_pi_entries_are_marked_not_woken(void **state)
{
	(void)state;
	head.next = (struct lock *)((uintptr_t)&locks[0] | 1);
	futex_exit_robust_list((uintptr_t)&head, TID);
	assert_int_equal(locks[0].word, FUTEX_WAITERS | FUTEX_OWNER_DIED);
	assert_int_equal(nr_wakes, 0);
}

static void test_circular_list_stops(void **state)
{
	(void)state;
	locks[2].next = &locks[0]; /* never back to the head */
	locks[0].word = TID | FUTEX_WAITERS;
	futex_exit_robust_list((uintptr_t)&head, TID);
	/* 2048 entries visited: each lock of the ring, the first marked and woken once. */
	assert_int_equal(nr_wakes, 1);
	assert_int_equal(locks[2].word, FUTEX_OWNER_DIED);
}

static void test_no_list(void **state)
{
	(void)state;
	futex_exit_robust_list(0, TID);
	assert_int_equal(nr_wakes, 0);
	assert_int_equal(locks[0].word, TID | FUTEX_WAITERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_owned_locks_marked_and_waiters_woken, setup),
		cmocka_unit_test_setup(test_pending_lock, setup),
		cmocka_unit_test_setup(test_pi_entries_are_marked_not_woken, setup),
		cmocka_unit_test_setup(test_circular_list_stops, setup),
		cmocka_unit_test_setup(test_no_list, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
