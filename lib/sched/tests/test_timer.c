/*
 * timer.c: armed timers run in deadline order (arm order among equals),
 * re-arming moves a timer, cancelling removes it, a timer may re-arm itself
 * from its function, and the platform timer fires no later than the
 * earliest deadline (only moved earlier; an early interrupt sets it for the
 * earliest then).  The platform is faked: a settable clock and a one-shot
 * timer that records what was armed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* The static functions (timer_expired, timer_init) are what is tested. */
#include "../timer.c"

#define NONE UINT64_MAX

static uint64_t now, platform_deadline = NONE;
static void (*interrupt)(void);
static int fired[16], nr_fired;

uint64_t plat_clock_ns(void)
{
	return now;
}

void plat_timer_arm(uint64_t deadline_ns)
{
	platform_deadline = deadline_ns;
}

void plat_timer_set_handler(void (*handler)(void))
{
	interrupt = handler;
}

struct numbered {
	struct sched_timer timer;
	int id;
	uint64_t period; /* re-armed by this much when it fires, if not 0 */
};

static void record(struct sched_timer *t)
{
	struct numbered *n = container_of(t, struct numbered, timer);

	fired[nr_fired++] = n->id;
	if (n->period)
		sched_timer_arm(t, t->deadline + n->period);
}

static void make(struct numbered *n, int id, uint64_t period)
{
	n->id = id;
	n->period = period;
	sched_timer_init(&n->timer, record);
}

/* The clock reaches t and the platform's interrupt comes (the one-shot timer has fired). */
static void run_until(uint64_t t)
{
	now = t;
	platform_deadline = NONE;
	interrupt();
}

static int setup(void **state)
{
	(void)state;
	now = 0;
	nr_fired = 0;
	platform_deadline = NONE;
	timer_init();
	return 0;
}

static void test_deadline_order(void **state)
{
	struct numbered t[4];

	(void)state;
	make(&t[0], 0, 0);
	make(&t[1], 1, 0);
	make(&t[2], 2, 0);
	make(&t[3], 3, 0);
	sched_timer_arm(&t[0].timer, 300);
	sched_timer_arm(&t[1].timer, 100);
	sched_timer_arm(&t[2].timer, 300);
	sched_timer_arm(&t[3].timer, 200);
	assert_int_equal(platform_deadline, 100);
	run_until(250);
	assert_int_equal(nr_fired, 2);
	assert_int_equal(fired[0], 1);
	assert_int_equal(fired[1], 3);
	assert_false(sched_timer_armed(&t[1].timer));
	assert_int_equal(platform_deadline, 300);
	run_until(1000);
	assert_int_equal(nr_fired, 4);
	assert_int_equal(fired[2], 0); /* equal deadlines: in the order armed */
	assert_int_equal(fired[3], 2);
	assert_int_equal(platform_deadline, NONE);
}

static void test_rearm_and_cancel(void **state)
{
	struct numbered a, b;

	(void)state;
	make(&a, 0, 0);
	make(&b, 1, 0);
	sched_timer_arm(&a.timer, 100);
	sched_timer_arm(&b.timer, 200);
	sched_timer_arm(&a.timer, 300); /* moved behind b */
	assert_int_equal(platform_deadline, 100); /* not moved later */
	sched_timer_cancel(&b.timer);
	assert_false(sched_timer_armed(&b.timer));
	assert_int_equal(platform_deadline, 100);
	sched_timer_cancel(&b.timer); /* not armed: nothing happens */
	run_until(100); /* early: nothing due, set for the earliest */
	assert_int_equal(nr_fired, 0);
	assert_int_equal(platform_deadline, 300);
	run_until(300);
	assert_int_equal(nr_fired, 1);
	assert_int_equal(fired[0], 0);
	assert_int_equal(platform_deadline, NONE);
}

static void test_periodic_rearm_from_its_function(void **state)
{
	struct numbered p, once;

	(void)state;
	make(&p, 7, 10);
	make(&once, 8, 0);
	sched_timer_arm(&p.timer, 10);
	sched_timer_arm(&once.timer, 25);
	/* A late interrupt runs every period that has passed, in order with the others. */
	run_until(35);
	assert_int_equal(nr_fired, 4);
	assert_int_equal(fired[0], 7);
	assert_int_equal(fired[1], 7);
	assert_int_equal(fired[2], 8);
	assert_int_equal(fired[3], 7);
	assert_true(sched_timer_armed(&p.timer));
	assert_int_equal(platform_deadline, 40);
	sched_timer_cancel(&p.timer);
	run_until(40); /* early: nothing due, nothing armed */
	assert_int_equal(nr_fired, 4);
	assert_int_equal(platform_deadline, NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_deadline_order, setup),
		cmocka_unit_test_setup(test_rearm_and_cancel, setup),
		cmocka_unit_test_setup(test_periodic_rearm_from_its_function, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
