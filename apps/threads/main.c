/*
 * Cooperative threads that sleep, wait and join.  Every line printed is
 * deterministic: sleepers wake in deadline order whatever order they started
 * in (deadlines counted from one common start, 50 ms apart, so that a slow
 * host delaying a thread's start changes nothing), the producer/consumer sum
 * is fixed, and the counter guarded by a mutex (with yields inside the
 * critical section) ends exact.
 */
#include <stdint.h>
#include <stdio.h>
#include <tessera/mutex.h>
#include <tessera/plat/time.h>
#include <tessera/sched.h>
#include <tessera/semaphore.h>

#define NR_SLEEPERS    4
#define NR_ITEMS       100
#define BUFFER_SLOTS   4
#define NR_INCREMENTERS 4
#define INCREMENTS     250

#define SLEEP_STEP_NS (50 * NSEC_PER_MSEC)

static struct mutex lock = MUTEX_INIT(lock);
static uint64_t sleepers_start;
static char wake_order[NR_SLEEPERS + 1];
static int woken;
static int slept_too_little;

static void sleeper(void *arg)
{
	int steps = (int)(intptr_t)arg;
	uint64_t deadline = sleepers_start + steps * SLEEP_STEP_NS, now = plat_clock_ns();

	thread_sleep_ns(deadline > now ? deadline - now : 0);
	if (plat_clock_ns() < deadline)
		slept_too_little++;
	mutex_lock(&lock);
	wake_order[woken++] = (char)('0' + steps);
	mutex_unlock(&lock);
}

static struct semaphore slots_free, slots_used;
static int buffer[BUFFER_SLOTS];
static long consumed_sum;

static void producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= NR_ITEMS; i++) {
		semaphore_down(&slots_free);
		buffer[i % BUFFER_SLOTS] = i;
		semaphore_up(&slots_used);
	}
}

static void consumer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= NR_ITEMS; i++) {
		semaphore_down(&slots_used);
		consumed_sum += buffer[i % BUFFER_SLOTS];
		semaphore_up(&slots_free);
	}
}

static long counter;

static void incrementer(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		mutex_lock(&lock);
		long seen = counter;

		thread_yield(); /* others run, and must wait for the mutex */
		counter = seen + 1;
		mutex_unlock(&lock);
	}
}

static void run_and_join(const char *name, void (*fn)(void *), void **args, int n)
{
	struct thread *t[8];

	for (int i = 0; i < n; i++)
		t[i] = thread_create(name, fn, args ? args[i] : NULL, 0);
	for (int i = 0; i < n; i++)
		thread_join(t[i]);
}

int main(void)
{
	/* Started in an order different from their wake-up order. */
	void *steps[NR_SLEEPERS] = {(void *)3, (void *)1, (void *)4, (void *)2};

	sleepers_start = plat_clock_ns();
	run_and_join("sleeper", sleeper, steps, NR_SLEEPERS);
	printf("sleepers woke in order: %s%s\n", wake_order,
	       slept_too_little ? " (some woke early!)" : "");

	semaphore_init(&slots_free, BUFFER_SLOTS);
	semaphore_init(&slots_used, 0);
	struct thread *p = thread_create("producer", producer, NULL, 0);
	struct thread *c = thread_create("consumer", consumer, NULL, 0);

	thread_join(p);
	thread_join(c);
	printf("producer/consumer sum: %ld\n", consumed_sum);

	run_and_join("incrementer", incrementer, NULL, NR_INCREMENTERS);
	printf("mutex-guarded counter: %ld\n", counter);
	return slept_too_little || consumed_sum != 5050 || counter != NR_INCREMENTERS * INCREMENTS;
}
