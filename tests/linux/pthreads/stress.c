/*
 * A pthreads workout whose output is the same however the threads are
 * scheduled: many threads, a mutex-guarded table, a condition-variable
 * pipeline, barrier phases, thread-local variables, detached threads, and a
 * thread that spins without syscalls from the start to the end and must not
 * keep the others from finishing.  Built natively with glibc and with musl,
 * run on the host and under Tessera (tests/integration/test_pthreads.py).
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define WORKERS      16
#define TABLE_SIZE   64
#define ROUNDS       3000
#define PHASES       4
#define STAGE_ITEMS  2000
#define DETACHED     8

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static long table[TABLE_SIZE];
static pthread_barrier_t phase_barrier;
static long phase_arrivals[PHASES];
static __thread long my_total;
static __thread int my_id = -1;
static volatile int stop_spinning;
static volatile unsigned long spins;

static void *spinner(void *arg)
{
	(void)arg;
	while (!stop_spinning)
		spins++;
	return NULL;
}

/* Each worker adds to the table under the lock, keeping its own total in TLS, in phases. */
static void *worker(void *arg)
{
	long id = (long)arg, sum = 0;
	struct timespec short_nap = {0, 100000};

	my_id = (int)id;
	for (int phase = 0; phase < PHASES; phase++) {
		for (int i = 0; i < ROUNDS / PHASES; i++) {
			pthread_mutex_lock(&table_lock);
			table[(id * 7 + i) % TABLE_SIZE] += id + 1;
			pthread_mutex_unlock(&table_lock);
			my_total += id + 1;
			if (i % 250 == 0)
				nanosleep(&short_nap, NULL);
		}
		__atomic_fetch_add(&phase_arrivals[phase], 1, __ATOMIC_SEQ_CST);
		pthread_barrier_wait(&phase_barrier);
		if (__atomic_load_n(&phase_arrivals[phase], __ATOMIC_SEQ_CST) != WORKERS)
			return (void *)-1L;
	}
	sum = my_total;
	return my_id == id ? (void *)sum : (void *)-2L;
}

/* A two-stage pipeline over one slot per stage, with condition variables. */
struct stage {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	long value;
	int full, done;
};

static struct stage first = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0};
static struct stage second = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0};

static void put(struct stage *s, long v)
{
	pthread_mutex_lock(&s->lock);
	while (s->full)
		pthread_cond_wait(&s->changed, &s->lock);
	s->value = v;
	s->full = 1;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
}

static long take(struct stage *s)
{
	long v;

	pthread_mutex_lock(&s->lock);
	while (!s->full)
		pthread_cond_wait(&s->changed, &s->lock);
	v = s->value;
	s->full = 0;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	return v;
}

static void *source(void *arg)
{
	(void)arg;
	for (long i = 1; i <= STAGE_ITEMS; i++)
		put(&first, i);
	return NULL;
}

static void *doubler(void *arg)
{
	(void)arg;
	for (int i = 0; i < STAGE_ITEMS; i++)
		put(&second, 2 * take(&first));
	return NULL;
}

static void *sink(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < STAGE_ITEMS; i++)
		sum += take(&second);
	return (void *)sum;
}

static sem_t detached_done;

static void *detached(void *arg)
{
	(void)arg;
	sem_post(&detached_done);
	return NULL;
}

int main(void)
{
	pthread_t spin, workers[WORKERS], pipeline[3], t;
	long total = 0, expected = 0, table_sum = 0;
	void *r;
	int bad = 0;

	pthread_create(&spin, NULL, spinner, NULL);
	pthread_barrier_init(&phase_barrier, NULL, WORKERS);
	sem_init(&detached_done, 0, 0);
	for (long i = 0; i < WORKERS; i++)
		pthread_create(&workers[i], NULL, worker, (void *)i);
	pthread_create(&pipeline[0], NULL, source, NULL);
	pthread_create(&pipeline[1], NULL, doubler, NULL);
	pthread_create(&pipeline[2], NULL, sink, NULL);
	for (int i = 0; i < DETACHED; i++) {
		pthread_create(&t, NULL, detached, NULL);
		pthread_detach(t);
	}
	for (long i = 0; i < WORKERS; i++) {
		pthread_join(workers[i], &r);
		bad += (long)r < 0;
		total += (long)r;
		expected += (i + 1) * ROUNDS;
	}
	for (int i = 0; i < TABLE_SIZE; i++)
		table_sum += table[i];
	pthread_join(pipeline[0], NULL);
	pthread_join(pipeline[1], NULL);
	pthread_join(pipeline[2], &r);
	for (int i = 0; i < DETACHED; i++)
		sem_wait(&detached_done);
	stop_spinning = 1;
	pthread_join(spin, NULL);
	printf("workers: %d, phases: %d, failed checks: %d\n", WORKERS, PHASES, bad);
	printf("thread-local totals: %ld (expected %ld)\n", total, expected);
	printf("table total: %ld\n", table_sum);
	printf("pipeline sum: %ld (expected %ld)\n", (long)r, (long)STAGE_ITEMS * (STAGE_ITEMS + 1));
	printf("detached threads finished: %d\n", DETACHED);
	printf("spinner ran: %s\n", spins ? "yes" : "no");
	printf("main thread TLS untouched: %s\n", my_id == -1 && my_total == 0 ? "yes" : "no");
	return bad || total != expected || table_sum != expected;
}
