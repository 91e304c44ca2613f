/*
 * Scheduler API: threads of the one address space.
 *
 * This library holds what every scheduler shares: the thread object and its
 * guarded stack, join/exit, sleeping, wait queues.  The policy (which thread
 * runs next, and when) belongs to the implementation chosen in Kconfig, which
 * provides the functions of <tessera/sched_impl.h>.
 */
#ifndef TESSERA_SCHED_H
#define TESSERA_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/compiler.h>
#include <tessera/list.h>
#include <tessera/waitq.h>

/*
 * A timer: fn(t) runs from the timer interrupt, interrupts disabled, once the
 * monotonic clock reaches the deadline.  fn may re-arm t for a later time.
 */
struct sched_timer {
	uint64_t deadline;
	void (*fn)(struct sched_timer *t);
	struct list_head link; /* in the armed timers, by deadline; empty when not armed */
};

struct arch_user_state;

enum thread_state {
	THREAD_RUNNABLE, /* running, or in the run queue */
	THREAD_BLOCKED,  /* on a wait queue, or sleeping */
	THREAD_EXITED,   /* finished; its joiner frees it */
};

struct thread {
	char name[24];
	int id;
	enum thread_state state;
	uintptr_t sp; /* saved stack pointer while not running */
	char *stack;  /* lowest usable byte; the page below is the guard */
	size_t stack_size;
	void (*fn)(void *arg);
	void *arg;
	struct list_head run_link;   /* run queue */
	struct sched_timer timeout;  /* armed while in a timed thread_block() */
	bool timed_out;
	struct waitq joiners;
	bool owns_stack; /* false for the boot thread */
	struct arch_user_state *user; /* for threads running application code, else NULL */
};

#define THREAD_DEFAULT_STACK_SIZE (CONFIG_THREAD_STACK_SIZE)

/* A new runnable thread running fn(arg); NULL when out of memory. */
struct thread *thread_create(const char *name, void (*fn)(void *arg), void *arg,
			     size_t stack_size);
/* Give t (which will run application code) its user state; the old one, if any, is freed. */
void thread_set_user_state(struct thread *t, struct arch_user_state *user);

/* Wait for t to exit, then free it. */
void thread_join(struct thread *t);
__noreturn void thread_exit(void);
void thread_yield(void);
void thread_sleep_ns(uint64_t ns);
struct thread *thread_current(void);

/*
 * The primitives under wait queues.  thread_block() (interrupts disabled)
 * stops the current thread until thread_wake() or, if deadline_ns is not 0,
 * the monotonic clock reaches it; it returns -ETIMEDOUT in that case.
 */
int thread_block(uint64_t deadline_ns);
void thread_wake(struct thread *t);

/* Timers.  Arming an armed timer moves it; cancelling an unarmed one does nothing. */
void sched_timer_init(struct sched_timer *t, void (*fn)(struct sched_timer *t));
void sched_timer_arm(struct sched_timer *t, uint64_t deadline_ns);
void sched_timer_cancel(struct sched_timer *t);

static inline bool sched_timer_armed(const struct sched_timer *t)
{
	return !list_empty(&t->link);
}

/* Nanoseconds the CPU spent idle, waiting for an interrupt: the rest was work. */
uint64_t sched_idle_ns(void);

#endif /* TESSERA_SCHED_H */
