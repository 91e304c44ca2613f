/* forward.c: periodic expiry arithmetic, against Linux's hrtimer_forward and KTIME_MAX. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "forward.h"

#define TIME_MAX ((uint64_t)INT64_MAX)

static void test_not_yet_due(void **state)
{
	uint64_t expiry = 1000;

	(void)state;
	assert_int_equal(timer_forward(&expiry, 10, 999), 0);
	assert_int_equal(expiry, 1000);
}

static void test_due_once(void **state)
{
	uint64_t expiry = 1000;

	(void)state;
	assert_int_equal(timer_forward(&expiry, 10, 1000), 1);
	assert_int_equal(expiry, 1010);
	expiry = 1000;
	assert_int_equal(timer_forward(&expiry, 10, 1009), 1);
	assert_int_equal(expiry, 1010);
}

static void test_exact_multiple_moves_past_now(void **state)
{
	uint64_t expiry = 1000;

	(void)state;
	/* As Linux: an expiry landing on now is not after it, so one more interval. */
	assert_int_equal(timer_forward(&expiry, 10, 1010), 2);
	assert_int_equal(expiry, 1020);
}

static void test_many_missed(void **state)
{
	uint64_t expiry = 5;

	(void)state;
	assert_int_equal(timer_forward(&expiry, 3, 100), 32);
	assert_int_equal(expiry, 101);
}

static void test_saturation(void **state)
{
	uint64_t expiry = TIME_MAX - 5;

	(void)state;
	assert_int_equal(timer_ns(9223372036LL, 0), TIME_MAX);
	assert_int_equal(timer_ns(9223372035LL, 999999999), 9223372035999999999ULL);
	assert_int_equal(timer_ns(0, 7), 7);
	assert_int_equal(timer_add(TIME_MAX - 1, 1), TIME_MAX);
	assert_int_equal(timer_add(TIME_MAX - 1, 2), TIME_MAX);
	assert_int_equal(timer_add(1, UINT64_MAX), TIME_MAX);
	assert_int_equal(timer_add(2, 3), 5);
	assert_int_equal(timer_forward(&expiry, 10, TIME_MAX - 1), 1);
	assert_int_equal(expiry, TIME_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_yet_due),
		cmocka_unit_test(test_due_once),
		cmocka_unit_test(test_exact_multiple_moves_past_now),
		cmocka_unit_test(test_many_missed),
		cmocka_unit_test(test_saturation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
