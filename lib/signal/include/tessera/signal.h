/*
 * Signals, as Linux delivers them to a process's threads: dispositions
 * (rt_sigaction), per-thread masks, pending sets and alternate stacks,
 * signals queued to a thread or to the process, delivery on the way back
 * to application code (a handler's frame, or the default action), faults
 * in application code turned into SIGSEGV/SIGFPE/SIGILL/..., interval and
 * POSIX timers.
 *
 * lib/signal knows threads (lib/sched), not processes: the library that
 * runs programs (lib/process) gives each application thread its signal
 * state, calls signal_deliver() before the thread resumes application code,
 * resolves the ids kill and tgkill name, and ends the process when a
 * signal's default action says so.
 */
#ifndef TESSERA_SIGNAL_H
#define TESSERA_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/signal.h>
#include <tessera/restart.h>

#define NSIG_LINUX 64
#define SIGNAL_BIT(sig) (1ULL << ((sig) - 1))

/* Linux's kernel-side struct sigaction for x86_64 (rt_sigaction's layout). */
struct kernel_sigaction {
	uintptr_t handler; /* SIG_DFL (0), SIG_IGN (1) or a function */
	unsigned long flags;
	uintptr_t restorer;
	uint64_t mask;
};


struct thread;
struct trap_frame;
struct signal_process;

/* The disposition of sig (1..64) in the current process. */
const struct kernel_sigaction *signal_action(int sig);
/* The current thread's blocked mask. */
uint64_t signal_blocked(void);

/*
 * ppoll, pselect6, epoll_pwait: block the application's mask user_mask
 * (sigsetsize bytes; NULL keeps the current mask) for the length of a wait,
 * as Linux's set_user_sigmask: -EINVAL unless sigsetsize is 8, -EFAULT on a
 * bad pointer.  *saved is what signal_wait_mask_restore() puts back, unless
 * a signal is delivered first (its handler then runs with the wait's mask,
 * and the saved mask comes back with rt_sigreturn).
 */
int signal_wait_mask_set(const uint64_t *user_mask, size_t sigsetsize, uint64_t *saved);
void signal_wait_mask_restore(uint64_t saved);

/*
 * Application threads.  signal_thread_new: t's signal state, in the
 * current process, with the current thread's mask (none for the first);
 * -ENOMEM.  signal_thread_exit: the current thread's state goes (its
 * pending signals with it).
 */
int signal_thread_new(struct thread *t);
void signal_thread_exit(void);

/*
 * Queue a signal: info->si_signo (1..64) with info as the handler sees it.
 * To thread t (tgkill), or to t's whole process (kill): one of its threads
 * that does not block the signal takes it.  Signals the receiving process
 * ignores are dropped; a standard signal already pending is merged; a
 * real-time one is queued (-EAGAIN when memory runs out).
 */
int signal_send_thread(struct thread *t, const siginfo_t *info);
int signal_send_process(struct thread *t, const siginfo_t *info);
/* A signal the kernel sends the current thread (SIGPIPE on a pipe without readers). */
void signal_raise(int sig);

/*
 * Before the current thread resumes application code with registers tf:
 * finish an interrupted syscall (restart it or fail it with -EINTR) and
 * deliver what is pending and not blocked.  Returns 0, or the signal whose
 * default action ends the process (*core: with a core dump), which the
 * caller carries out.
 */
int signal_deliver(struct trap_frame *tf, bool *core);

/* The current process's thread with id tid, or NULL (set by the library that runs programs). */
extern struct thread *(*signal_find_thread)(int tid);

/* Whether addr lies in a mapping (SEGV_ACCERR) or not (SEGV_MAPERR): set by lib/mm. */
extern bool (*signal_address_mapped)(uintptr_t addr);

/* "SIGSEGV" for 11; "SIGRT" for the real-time signals. */
const char *signal_name(int sig);

/*
 * Readiness for signalfd: the signals of mask pending for the current
 * thread, and one taken (0 when none) into *info.  Waiters on the queue
 * from signal_waitq() are woken whenever a signal is queued in this process.
 */
uint64_t signal_pending_in(uint64_t mask);
int signal_dequeue_in(uint64_t mask, siginfo_t *info);
struct waitq *signal_waitq(void);

#endif
