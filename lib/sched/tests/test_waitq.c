/*
 * waitq.c: callback entries and keyed wake-ups beside thread entries.  The
 * threads are fakes: thread_wake() records the order in which they are woken.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tessera/sched.h>
#include <tessera/waitq.h>

static struct thread threads[3], *current;
static struct thread *woken[8];
static int nr_woken;

struct thread *thread_current(void)
{
	return current;
}

void thread_wake(struct thread *t)
{
	woken[nr_woken++] = t;
}

int thread_block_unlock(spinlock_t *lock, uint64_t deadline_ns, unsigned int flags)
{
	(void)deadline_ns;
	(void)flags;
	spin_unlock(lock);
	return 0;
}

/* A callback entry that counts its calls and remembers the last key. */
struct counter {
	struct wait_entry entry;
	int calls;
	unsigned long key;
	int woken_before; /* threads already woken at the last call */
};

static void count(struct wait_entry *e, unsigned long key)
{
	struct counter *c = container_of(e, struct counter, entry);

	c->calls++;
	c->key = key;
	c->woken_before = nr_woken;
}

static void add_thread(struct waitq *wq, struct wait_entry *e, int i)
{
	current = &threads[i];
	waitq_add(wq, e);
}

static int setup(void **state)
{
	(void)state;
	nr_woken = 0;
	return 0;
}

static void test_callbacks_see_the_key_before_threads_wake(void **state)
{
	struct waitq wq = WAITQ_INIT(wq);
	struct wait_entry t0, t1;
	struct counter a = {0}, b = {0};

	(void)state;
	add_thread(&wq, &t0, 0);
	waitq_add_callback(&wq, &a.entry, count);
	add_thread(&wq, &t1, 1);
	waitq_add_callback(&wq, &b.entry, count);
	assert_ptr_equal(waitq_first(&wq), &threads[0]);

	waitq_wake_all_key(&wq, 0x41);
	assert_int_equal(a.calls, 1);
	assert_int_equal(b.calls, 1);
	assert_int_equal(a.key, 0x41);
	assert_int_equal(a.woken_before, 0);
	assert_int_equal(b.woken_before, 0);
	assert_int_equal(nr_woken, 2);
	assert_ptr_equal(woken[0], &threads[0]);
	assert_ptr_equal(woken[1], &threads[1]);
	assert_true(t0.woken && t1.woken);

	/* Threads leave the queue when woken; callback entries stay until removed. */
	assert_null(waitq_first(&wq));
	waitq_wake_all(&wq);
	assert_int_equal(a.calls, 2);
	assert_int_equal(a.key, 0);
	waitq_remove(&a.entry);
	waitq_wake_all_key(&wq, 1);
	assert_int_equal(a.calls, 2);
	assert_int_equal(b.calls, 3);
	waitq_remove(&b.entry);
	assert_true(list_empty(&wq.waiters));
}

static void test_wake_one_calls_every_callback_and_one_thread(void **state)
{
	struct waitq wq = WAITQ_INIT(wq);
	struct wait_entry t0, t1, t2;
	struct counter a = {0};

	(void)state;
	add_thread(&wq, &t0, 0);
	add_thread(&wq, &t1, 1);
	waitq_add_callback(&wq, &a.entry, count);
	add_thread(&wq, &t2, 2);

	assert_true(waitq_wake_one(&wq));
	assert_int_equal(a.calls, 1);
	assert_int_equal(nr_woken, 1);
	assert_ptr_equal(woken[0], &threads[0]);
	assert_false(t1.woken);
	assert_ptr_equal(waitq_first(&wq), &threads[1]);

	assert_true(waitq_wake_one(&wq));
	assert_true(waitq_wake_one(&wq));
	assert_ptr_equal(woken[2], &threads[2]);
	/* Only the callback is left: it is called, but no thread was woken. */
	assert_false(waitq_wake_one(&wq));
	assert_int_equal(a.calls, 4);
	waitq_remove(&a.entry);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_callbacks_see_the_key_before_threads_wake, setup),
		cmocka_unit_test_setup(test_wake_one_calls_every_callback_and_one_thread, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
