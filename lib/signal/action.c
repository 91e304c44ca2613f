/*
 * The process's signal state: dispositions (rt_sigaction), the signals
 * pending for the whole process, its threads and timers.  fork gives the
 * child a copy of the dispositions and nothing pending; exec resets handled
 * signals to their default.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/process_state.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "signal_internal.h"

spinlock_t signal_lock = SPINLOCK_INIT;
struct signal_process *current_signals;

static const char *const names[] = {
	[SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",       [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL",   [SIGTRAP] = "SIGTRAP",     [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",       [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",     [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",     [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",     [SIGTTIN] = "SIGTTIN",
	[SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG",       [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO",       [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
};

const char *signal_name(int sig)
{
	return sig > 0 && sig < (int)ARRAY_SIZE(names) && names[sig] ? names[sig] : "SIGRT";
}

enum signal_default signal_default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIGNAL_CORE;
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
		return SIGNAL_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGNAL_STOP;
	default:
		return SIGNAL_TERM;
	}
}

bool signal_ignored(struct signal_process *p, struct signal_thread *t, int sig)
{
	uintptr_t handler = p->actions[sig - 1].handler;

	if (t && (t->blocked & SIGNAL_BIT(sig)))
		return false;
	return handler == SIG_IGN_VALUE ||
	       (handler == SIG_DFL_VALUE && signal_default_action(sig) == SIGNAL_IGNORE);
}

const struct kernel_sigaction *signal_action(int sig)
{
	return &current_signals->actions[sig - 1];
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct kernel_sigaction *, act,
		struct kernel_sigaction *, oldact, size_t, sigsetsize)
{
	struct signal_process *p = current_signals;
	struct kernel_sigaction new;
	irq_flags_t flags;

	if (sigsetsize != sizeof(uint64_t) || sig < 1 || sig > NSIG_LINUX)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (oldact && copy_to_user(oldact, &p->actions[sig - 1], sizeof(*oldact)))
		return -EFAULT;
	if (!act)
		return 0;
	new.mask &= ~UNBLOCKABLE;
	flags = spin_lock_irqsave(&signal_lock);
	p->actions[sig - 1] = new;
	/* As Linux: a signal pending when it becomes ignored is thrown away. */
	if (signal_ignored(p, NULL, sig)) {
		struct signal_thread *t;

		sigpending_flush(&p->shared, SIGNAL_BIT(sig));
		list_for_each_entry(t, &p->threads, link)
			sigpending_flush(&t->pending, SIGNAL_BIT(sig));
	}
	spin_unlock_irqrestore(&signal_lock, flags);
	return 0;
}

static struct signal_process *process_state_new(void)
{
	struct signal_process *p = alloc_calloc(alloc_default(), 1, sizeof(*p));

	if (!p)
		return NULL;
	sigpending_init(&p->shared);
	list_init(&p->threads);
	waitq_init(&p->signalfd_wq);
	signal_timers_init(p);
	return p;
}

/* fork: the child starts with the same dispositions, nothing pending, no timers. */
static int signals_save(unsigned int shares, void **saved)
{
	struct signal_process *child = process_state_new();

	(void)shares; /* CLONE_SIGHAND without CLONE_THREAD does not occur */
	if (!child)
		return -ENOMEM;
	memcpy(child->actions, current_signals->actions, sizeof(child->actions));
	*saved = current_signals;
	current_signals = child;
	return 0;
}

static void signals_restore(void *saved)
{
	struct signal_process *child = current_signals;

	signal_posix_timers_release(child);
	signal_itimers_release(child);
	sigpending_flush(&child->shared, ~0ULL);
	alloc_free(alloc_default(), child);
	current_signals = saved;
}

static void signals_exec(void)
{
	struct kernel_sigaction *actions = current_signals->actions;

	for (int i = 0; i < NSIG_LINUX; i++) {
		if (actions[i].handler != SIG_IGN_VALUE)
			actions[i] = (struct kernel_sigaction){0};
	}
	signal_altstack_exec();
	signal_posix_timers_release(current_signals);
}
PROCESS_STATE(signals, signals_save, signals_restore, signals_exec);

static int signals_init(void)
{
	current_signals = process_state_new();
	return current_signals ? 0 : -ENOMEM;
}
INITCALL(signals_init, INIT_LIB);

struct waitq *signal_waitq(void)
{
	return &current_signals->signalfd_wq;
}
