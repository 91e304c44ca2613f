/*
 * Delivery, on the way back to application code (after every syscall,
 * interrupt and exception), as Linux's get_signal/handle_signal:
 *  - a syscall that a signal interrupted (it returned one of the
 *    ERESTART* codes) is restarted, or fails with -EINTR when a handler
 *    runs and the code or the handler's SA_RESTART says so (waits that
 *    count down restart through restart_syscall, see <tessera/restart.h>);
 *  - each pending signal the thread does not block is taken, the thread's
 *    own first, synchronous ones (faults) before others, lowest first;
 *    ignored ones are dropped, a handler gets a frame (its mask: the
 *    thread's, sa_mask and, without SA_NODEFER, the signal itself;
 *    SA_RESETHAND resets the disposition), a default action that ends the
 *    process is handed back to the caller.  Stopping has no meaning for a
 *    unikernel's only process, which nothing could continue: stop signals
 *    are logged and ignored.
 */
#include <errno.h>
#include <tessera/arch/trap.h>
#include <tessera/printk.h>
#include <tessera/syscall.h>
#include "signal_internal.h"

static int take(struct signal_thread *self, siginfo_t *info)
{
	irq_flags_t flags = spin_lock_irqsave(&signal_lock);
	uint64_t allowed = ~self->blocked;
	int sig = sigpending_take(&self->pending, allowed, info) ?:
		  sigpending_take(&self->process->shared, allowed, info);

	signal_recalc_locked(self);
	spin_unlock_irqrestore(&signal_lock, flags);
	return sig;
}

/* -512 .. -516 (-515 is never returned): one comparison, made on every return to the program. */
static bool is_restart_code(long ret)
{
	return (unsigned long)(-ret - ERESTARTSYS) <= ERESTART_RESTARTBLOCK - ERESTARTSYS;
}

/*
 * The interrupted syscall: back to its syscall instruction, with its number
 * in %rax, or restart_syscall's to resume it from its restart block.
 */
static void restart_syscall(struct trap_frame *tf)
{
	tf->rax = tf->rax == (uint64_t)-ERESTART_RESTARTBLOCK ? __NR_restart_syscall
							     : tf->error_code;
	tf->rip -= 2;
}

static void syscall_before_handler(struct trap_frame *tf, const struct kernel_sigaction *ka)
{
	long ret = tf->rax;

	if (ret == -ERESTARTNOINTR || (ret == -ERESTARTSYS && (ka->flags & SA_RESTART)))
		restart_syscall(tf);
	else
		tf->rax = -EINTR;
}

/* Run the handler: its frame, then its mask.  false: the frame could not be written. */
static bool handle(struct trap_frame *tf, int sig, struct kernel_sigaction *ka,
		   const siginfo_t *info)
{
	struct signal_thread *self = signal_self();
	uint64_t mask = self->blocked | ka->mask;

	if (!signal_frame_setup(tf, sig, ka, info,
				self->restore_mask ? self->saved_mask : self->blocked))
		return false;
	self->restore_mask = false;
	if (!(ka->flags & SA_NODEFER))
		mask |= SIGNAL_BIT(sig);
	if (ka->flags & SA_RESETHAND)
		*ka = (struct kernel_sigaction){0};
	signal_set_blocked(mask);
	return true;
}

/* Out of line: its frame (a siginfo, the stack protector) is paid only when there is work. */
__attribute__((noinline)) static int deliver(struct trap_frame *tf, struct signal_thread *self,
					     bool in_syscall, bool *core)
{
	siginfo_t info;
	int sig;

	/* Only a thread told that a signal waits for it takes one (a shared one is meant for another). */
	while (self->thread->signal_pending && (sig = take(self, &info))) {
		struct kernel_sigaction *ka = &self->process->actions[sig - 1];

		if (ka->handler == SIG_IGN_VALUE)
			continue;
		if (ka->handler == SIG_DFL_VALUE) {
			enum signal_default what = signal_default_action(sig);

			if (what == SIGNAL_IGNORE)
				continue;
			if (what == SIGNAL_STOP) {
				pr_warn("signal: %s would stop the process; nothing could continue it, "
					"so it goes on\n", signal_name(sig));
				continue;
			}
			*core = what == SIGNAL_CORE;
			return sig;
		}
		if (in_syscall) {
			syscall_before_handler(tf, ka);
			in_syscall = false;
		}
		if (!handle(tf, sig, ka, &info)) {
			/* As Linux's force_sigsegv: no stack for the handler ends the process. */
			*core = true;
			return SIGSEGV;
		}
	}
	if (in_syscall)
		restart_syscall(tf);
	if (self->restore_mask) {
		self->restore_mask = false;
		signal_set_blocked(self->saved_mask);
	}
	return 0;
}

/* Called on every return to application code: the common case, nothing to do, stays cheap. */
int signal_deliver(struct trap_frame *tf, bool *core)
{
	struct signal_thread *self = signal_self();
	bool in_syscall = tf->vector == TRAP_VECTOR_SYSCALL && is_restart_code(tf->rax);

	if (!self || (!self->thread->signal_pending && !self->restore_mask && !in_syscall))
		return 0;
	return deliver(tf, self, in_syscall, core);
}

SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &thread_current()->restart;
	long (*fn)(struct restart_block *rb) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}
