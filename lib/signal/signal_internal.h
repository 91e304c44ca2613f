/* Shared by the parts of lib/signal. */
#ifndef LIB_SIGNAL_INTERNAL_H
#define LIB_SIGNAL_INTERNAL_H

#include <tessera/arch/spinlock.h>
#include <tessera/list.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/waitq.h>

#define UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
/* Taken first, as Linux does: the faults a program's handler may be waiting for. */
#define SYNCHRONOUS_MASK                                                                           \
	(SIGNAL_BIT(SIGSEGV) | SIGNAL_BIT(SIGBUS) | SIGNAL_BIT(SIGILL) | SIGNAL_BIT(SIGTRAP) |     \
	 SIGNAL_BIT(SIGFPE) | SIGNAL_BIT(SIGSYS))
#define SIG_IGN_VALUE 1
#define SIG_DFL_VALUE 0
#define MIN_ALTSTACK 2048 /* MINSIGSTKSZ */

/* A queued signal; a timer's own entry is allocated with the timer (preallocated). */
struct sigqueue {
	struct list_head link; /* empty while not queued */
	siginfo_t info;
	bool preallocated;
	int overrun_last; /* a timer's: the overruns its last delivered signal carried */
};

/* Pending signals: the set, and the queued information of each (in order). */
struct sigpending {
	uint64_t set;
	struct list_head queue;
};

/* What the threads of one process share. */
struct signal_process {
	struct kernel_sigaction actions[NSIG_LINUX];
	struct sigpending shared;     /* kill, timers: for whichever thread takes it */
	struct list_head threads;     /* its struct signal_thread */
	struct list_head timers;      /* its POSIX timers */
	struct signal_timer *itimers[3]; /* setitimer's ITIMER_REAL (alarm), _VIRTUAL, _PROF */
	int next_timer_id;
	struct waitq signalfd_wq; /* signalfd readers and pollers */
};

struct altstack {
	uintptr_t sp;
	int flags;
	size_t size;
};

struct signal_thread {
	struct thread *thread;
	struct signal_process *process;
	struct list_head link; /* in process->threads */
	uint64_t blocked;
	uint64_t saved_mask; /* put back once a handler's frame holds it (restore_mask) */
	bool restore_mask;   /* rt_sigsuspend, ppoll...: the wait's mask stays until delivery */
	struct sigpending pending; /* for this thread only (tgkill, faults) */
	struct altstack altstack;
	void *fpu; /* where signal frames' FP state is staged */
};

/* Guards every pending set, queue, mask and thread list. */
extern spinlock_t signal_lock;
extern struct signal_process *current_signals;

static inline struct signal_thread *signal_self(void)
{
	return thread_current()->signals;
}

/* Linux's default actions. */
enum signal_default { SIGNAL_TERM, SIGNAL_CORE, SIGNAL_IGNORE, SIGNAL_STOP };
enum signal_default signal_default_action(int sig);
/* Whether sig, arriving now, would be thrown away by p (ignored and not blocked by t). */
bool signal_ignored(struct signal_process *p, struct signal_thread *t, int sig);

void sigpending_init(struct sigpending *q);
/* Drop every queued entry (timers' own entries are only unlinked). */
void sigpending_flush(struct sigpending *q, uint64_t mask);
/* Under signal_lock: take the lowest signal of mask (synchronous ones first); 0 if none. */
int sigpending_take(struct sigpending *q, uint64_t mask, siginfo_t *info);
/*
 * Under signal_lock: queue info (entry: preallocated, or NULL to allocate one
 * beforehand—see signal_send_*) for thread t (NULL: process p) and mark a
 * thread to handle it.
 */
void signal_queue_locked(struct signal_process *p, struct signal_thread *t,
			 struct sigqueue *entry, const siginfo_t *info);
/* Under signal_lock: tell t whether something it does not block is pending for it. */
void signal_recalc_locked(struct signal_thread *t);
/* Under signal_lock: a shared signal that t now blocks goes to another thread. */
void signal_retarget_locked(struct signal_thread *t, uint64_t newly_blocked);
/* Set the current thread's mask (SIGKILL and SIGSTOP stay unblocked). */
void signal_set_blocked(uint64_t mask);

/* Queue a signal from a timer (interrupts off): its preallocated entry, or a merged one. */
void signal_send_timer(struct signal_process *p, struct signal_thread *t, struct sigqueue *entry);

/* frame.c: a handler's frame on the thread's stack; false if it could not be written. */
bool signal_frame_setup(struct trap_frame *tf, int sig, const struct kernel_sigaction *ka,
			const siginfo_t *info, uint64_t oldmask);

/* Whether sp is on the current thread's alternate stack. */
bool signal_on_altstack(uintptr_t sp);
void signal_altstack_exec(void);

/* POSIX timers: none yet; all of p's go (exec, the process ends); t's thread goes. */
void signal_timers_init(struct signal_process *p);
void signal_posix_timers_release(struct signal_process *p);
void signal_timers_forget_thread(struct signal_thread *t);
/* Interval timers: all of p's go (the process ends; exec keeps them). */
void signal_itimers_release(struct signal_process *p);

#endif
