/*
 * Per-thread signal state: the blocked mask (rt_sigprocmask, and the masks
 * ppoll and friends install for a wait), the signals pending for the thread
 * alone, and the alternate stack (sigaltstack).  A new thread inherits its
 * creator's mask, nothing pending and no alternate stack, as with Linux's
 * clone(CLONE_VM).
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "signal_internal.h"

#define FPU_ALIGN    64

int signal_thread_new(struct thread *t)
{
	struct signal_thread *self = thread_current()->signals;
	struct signal_thread *st = alloc_calloc(alloc_default(), 1, sizeof(*st));
	irq_flags_t flags;

	if (!st)
		return -ENOMEM;
	if (alloc_posix_memalign(alloc_default(), &st->fpu, FPU_ALIGN, arch_fpu_size())) {
		alloc_free(alloc_default(), st);
		return -ENOMEM;
	}
	memset(st->fpu, 0, arch_fpu_size());
	st->thread = t;
	st->process = current_signals;
	st->blocked = self ? self->blocked : 0;
	st->altstack.flags = SS_DISABLE;
	/* A forked child keeps its alternate stack; a new thread of the process has none. */
	if (self && self->process != current_signals)
		st->altstack = self->altstack;
	sigpending_init(&st->pending);
	flags = spin_lock_irqsave(&signal_lock);
	list_add_tail(&st->link, &st->process->threads);
	t->signals = st;
	spin_unlock_irqrestore(&signal_lock, flags);
	return 0;
}

void signal_thread_exit(void)
{
	struct thread *t = thread_current();
	struct signal_thread *st = t->signals;
	irq_flags_t flags;

	if (!st)
		return;
	signal_timers_forget_thread(st);
	flags = spin_lock_irqsave(&signal_lock);
	list_del(&st->link);
	t->signals = NULL;
	sigpending_flush(&st->pending, ~0ULL);
	/* What it could have taken goes to a thread that can. */
	signal_retarget_locked(st, ~0ULL);
	spin_unlock_irqrestore(&signal_lock, flags);
	alloc_free(alloc_default(), st->fpu);
	alloc_free(alloc_default(), st);
}

uint64_t signal_blocked(void)
{
	return signal_self()->blocked;
}

void signal_set_blocked(uint64_t mask)
{
	struct signal_thread *self = signal_self();
	irq_flags_t flags = spin_lock_irqsave(&signal_lock);
	uint64_t newly = mask & ~self->blocked;

	self->blocked = mask & ~UNBLOCKABLE;
	signal_retarget_locked(self, newly);
	signal_recalc_locked(self);
	spin_unlock_irqrestore(&signal_lock, flags);
}

int signal_wait_mask_set(const uint64_t *user_mask, size_t sigsetsize, uint64_t *saved)
{
	uint64_t mask;

	*saved = signal_blocked();
	if (!user_mask)
		return 0;
	if (sigsetsize != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	signal_set_blocked(mask);
	return 0;
}

/* As Linux's restore_saved_sigmask_unless: a signal the wait's mask let in is handled under it. */
void signal_wait_mask_restore(uint64_t saved)
{
	struct signal_thread *self = signal_self();

	if (self->thread->signal_pending) {
		self->saved_mask = saved;
		self->restore_mask = true;
	} else {
		signal_set_blocked(saved);
	}
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const uint64_t *, set, uint64_t *, oldset, size_t,
		sigsetsize)
{
	uint64_t new, old = signal_blocked();

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			new |= old;
			break;
		case SIG_UNBLOCK:
			new = old & ~new;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		signal_set_blocked(new);
	}
	return oldset ? copy_to_user(oldset, &old, sizeof(old)) : 0;
}

bool signal_on_altstack(uintptr_t sp)
{
	const struct altstack *a = &signal_self()->altstack;

	return a->size && sp > a->sp && sp - a->sp <= a->size;
}

/*
 * As Linux: SS_ONSTACK on input means "enable"; the flags read back say
 * whether the thread runs on the stack now (SS_ONSTACK), or it is disabled
 * (SS_DISABLE), plus SS_AUTODISARM.  No change while running on it (EPERM).
 */
SYSCALL_DEFINE2(sigaltstack, const struct altstack *, ss, struct altstack *, old)
{
	struct altstack *a = &signal_self()->altstack;
	struct altstack new, current = *a;
	bool on = signal_on_altstack(arch_syscall_frame()->rsp);
	int mode;

	current.flags = (on ? SS_ONSTACK : a->size ? 0 : SS_DISABLE) | (a->flags & SS_AUTODISARM);
	if (old && copy_to_user(old, &current, sizeof(*old)))
		return -EFAULT;
	if (!ss)
		return 0;
	if (copy_from_user(&new, ss, sizeof(new)))
		return -EFAULT;
	if (on)
		return -EPERM;
	mode = new.flags & ~SS_AUTODISARM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE)
		new = (struct altstack){.flags = new.flags};
	else if (new.size < MIN_ALTSTACK)
		return -ENOMEM;
	*a = new;
	return 0;
}

void signal_altstack_exec(void)
{
	signal_self()->altstack = (struct altstack){.flags = SS_DISABLE};
}
