/*
 * Scheduler API: threads of the one address space.
 *
 * This library holds what every scheduler shares: the thread object and its
 * guarded stack, join/exit, blocking with deadlines and interruption, wait
 * queues, timers.  The policy (which thread runs next, and when) belongs to
 * the implementation chosen in Kconfig, which provides the functions of
 * <tessera/sched_impl.h>.
 *
 * Locking: one scheduler lock (a spinlock, taken with interrupts saved off)
 * guards every thread's state and the run queue; it nests inside any lock a
 * caller holds when it wakes a thread (a wait queue's, a futex bucket's),
 * never the other way round.  Kernel code is not preempted: threads switch
 * only when they block, yield or exit, and, with a preemptive
 * implementation, just before application code resumes (see
 * sched_preempt_point).  Why: the kernel's libraries were written for a
 * cooperative scheduler and keep their state (file tables, memory maps)
 * without locks; switching only at that boundary keeps them correct with no
 * preemption count in every path, and the kernel work between two such
 * points is short.
 */
#ifndef TESSERA_SCHED_H
#define TESSERA_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/arch/spinlock.h>
#include <tessera/compiler.h>
#include <tessera/list.h>
#include <tessera/restart.h>
#include <tessera/waitq.h>

/*
 * Timers: fn(t) runs from the timer interrupt, interrupts disabled and no
 * lock held, once the monotonic clock reaches the deadline.  All share the
 * platform's one-shot timer, armed for the earliest.  fn may re-arm t.
 */
struct sched_timer {
	uint64_t deadline;
	void (*fn)(struct sched_timer *t);
	struct list_head link; /* in the armed timers, by deadline; empty when not armed */
};

#define SCHED_TIMER_INIT(name, _fn) {.fn = (_fn), .link = LIST_HEAD_INIT((name).link)}

struct arch_user_state;
struct task; /* an application thread, defined by the library that runs them (lib/process) */
struct signal_thread; /* defined by lib/signal */

enum thread_state {
	THREAD_RUNNABLE, /* running, or in the run queue */
	THREAD_BLOCKED,  /* on a wait queue, or sleeping */
	THREAD_EXITED,   /* finished; its joiner frees it, or the scheduler if detached */
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
	struct list_head run_link; /* the implementation's run queue */
	uint64_t vruntime;         /* the implementation's order (sched_preempt: CPU time) */
	/* A block in progress (block.c). */
	struct sched_timer timeout; /* armed while in a timed block */
	int block_result;   /* what thread_block_unlock returns: 0, -ETIMEDOUT, -EINTR */
	bool interruptible; /* blocked in a wait that thread_interrupt() ends */
	bool interrupted;   /* thread_interrupt() was called: interruptible blocks fail */
	bool signal_pending; /* a signal waits to be handled: interruptible blocks fail */
	bool frozen;        /* kept off the CPU by thread_freeze() */
	bool detached;      /* freed when it exits, not by a joiner */
	struct waitq joiners;
	bool owns_stack; /* false for the boot thread */
	uint64_t cpu_ns;    /* CPU time used, up to its last switch */
	uint64_t run_start; /* when it last got the CPU */
	struct arch_user_state *user; /* for threads running application code, else NULL */
	struct task *task;            /* the application thread it is, or NULL */
	struct signal_thread *signals; /* its signal mask, pending signals, alternate stack */
	struct restart_block restart;  /* how restart_syscall resumes its interrupted wait */
};

#define THREAD_DEFAULT_STACK_SIZE (CONFIG_THREAD_STACK_SIZE)

/* A new runnable thread running fn(arg); NULL when out of memory. */
struct thread *thread_create(const char *name, void (*fn)(void *arg), void *arg,
			     size_t stack_size);
/* The same in two steps, for callers that finish setting the thread up before it may run. */
struct thread *thread_new(const char *name, void (*fn)(void *arg), void *arg, size_t stack_size);
void thread_run(struct thread *t);
/* Give t (which will run application code) its user state; the old one, if any, is freed. */
void thread_set_user_state(struct thread *t, struct arch_user_state *user);

/* Wait for t to exit, then free it. */
void thread_join(struct thread *t);
/* Nobody will join t: it is freed once it has exited. */
void thread_detach(struct thread *t);
__noreturn void thread_exit(void);
void thread_yield(void);
/*
 * Let the thread that would run next run first, then run again: a thread
 * that woke others and wants to go on once they have had their turn (not
 * after every thread wanting the CPU, as thread_yield).
 */
void thread_yield_to_next(void);
/* Threads made runnable from blocked since boot: tells whether some code woke anyone. */
uint64_t sched_wakeups(void);
void thread_sleep_ns(uint64_t ns);
struct thread *thread_current(void);

/* Flags of thread_block_unlock(). */
#define THREAD_INTERRUPTIBLE (1u << 0) /* thread_interrupt() ends the block with -EINTR */

/*
 * Block the current thread until thread_wake(), until the monotonic clock
 * reaches deadline_ns (0: no deadline) or, with THREAD_INTERRUPTIBLE, until
 * thread_interrupt().  If lock is not NULL, the caller holds it (taken with
 * spin_lock_irqsave): it guards the condition the caller checked and is
 * released only once the thread counts as blocked, so that a waker who
 * takes it afterwards cannot be missed.  Returns with lock released and
 * interrupts as on entry: 0 when woken, -ETIMEDOUT, or -EINTR.
 */
int thread_block_unlock(spinlock_t *lock, uint64_t deadline_ns, unsigned int flags);
/* Uninterruptible, no lock: for callers that checked their condition with interrupts off. */
int thread_block(uint64_t deadline_ns);
/*
 * thread_block_unlock in two steps, for a thread that waits on several
 * queues, each under its own lock.  With interrupts off: prepare, so that a
 * wake-up from now on counts; let wakers in (unlock the queues); block,
 * which returns at once if someone woke the thread meanwhile.  A thread
 * that finds it need not wait after all calls thread_wake() on itself.
 */
void thread_prepare_block(unsigned int flags);
int thread_block_prepared(uint64_t deadline_ns);
/* Make t runnable if it is blocked (its block returns 0). */
void thread_wake(struct thread *t);
/*
 * Mark t interrupted: its interruptible block, now or from now on, returns
 * -EINTR.  Group exit uses it.
 */
void thread_interrupt(struct thread *t);
/*
 * Whether a signal waits for t (lib/signal keeps it current): while one
 * does, t's interruptible blocks return -EINTR, as after thread_interrupt.
 */
void thread_set_signal_pending(struct thread *t, bool pending);

/*
 * Keep t (not the current thread) off the CPU until thread_thaw(t), even if
 * it is woken meanwhile: a process's other threads while a vfork child runs.
 */
void thread_freeze(struct thread *t);
void thread_thaw(struct thread *t);

/*
 * Where a thread about to resume application code lets others run, if the
 * implementation asked for it (its time slice is over).  Kernel code is
 * never preempted elsewhere.
 */
void sched_preempt_point(void);

/*
 * Arming an armed timer moves it; cancelling an unarmed one does nothing.
 * Once sched_timer_cancel returns, t->fn is not running (not from t->fn).
 */
void sched_timer_init(struct sched_timer *t, void (*fn)(struct sched_timer *t));
void sched_timer_arm(struct sched_timer *t, uint64_t deadline_ns);
void sched_timer_cancel(struct sched_timer *t);

static inline bool sched_timer_armed(const struct sched_timer *t)
{
	return !list_empty(&t->link);
}

/* Nanoseconds the CPU spent idle, waiting for an interrupt: the rest was work. */
uint64_t sched_idle_ns(void);
/* CPU time t has used, including the current run if it is running. */
uint64_t thread_cpu_ns(struct thread *t);

#endif /* TESSERA_SCHED_H */
