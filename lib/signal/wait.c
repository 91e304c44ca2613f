/*
 * Waiting for signals: rt_sigsuspend and pause (until a handler has run),
 * rt_sigtimedwait (take one of a set, without a handler), and
 * rt_sigpending (what is pending and blocked).
 */
#include <errno.h>
#include <tessera/syscall.h>
#include <tessera/timespec.h>
#include <tessera/uaccess.h>
#include "signal_internal.h"

SYSCALL_DEFINE2(rt_sigpending, uint64_t *, set, size_t, sigsetsize)
{
	struct signal_thread *self = signal_self();
	irq_flags_t flags;
	uint64_t pending;

	if (sigsetsize > sizeof(uint64_t))
		return -EINVAL;
	flags = spin_lock_irqsave(&signal_lock);
	pending = (self->pending.set | self->process->shared.set) & self->blocked;
	spin_unlock_irqrestore(&signal_lock, flags);
	return copy_to_user(set, &pending, sigsetsize);
}

/* Until a signal the thread does not block is pending (or the process ends). */
static long wait_for_signal(void)
{
	struct thread *self = thread_current();

	while (!self->signal_pending) {
		if (thread_block_unlock(NULL, 0, THREAD_INTERRUPTIBLE) == -EINTR && !self->signal_pending)
			return -EINTR;
	}
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const uint64_t *, mask, size_t, sigsetsize)
{
	struct signal_thread *self = signal_self();
	uint64_t new;

	if (sigsetsize != sizeof(new))
		return -EINVAL;
	if (copy_from_user(&new, mask, sizeof(new)))
		return -EFAULT;
	self->saved_mask = self->blocked;
	self->restore_mask = true;
	signal_set_blocked(new);
	return wait_for_signal();
}

SYSCALL_DEFINE0(pause)
{
	return wait_for_signal();
}

/*
 * The set's signals are let in for the wait (Linux's real_blocked), so that
 * one sent now wakes the thread; any other signal the thread does not block
 * ends the wait with -EINTR and is delivered.
 */
SYSCALL_DEFINE4(rt_sigtimedwait, const uint64_t *, uset, siginfo_t *, uinfo,
		const struct __kernel_timespec *, utimeout, size_t, sigsetsize)
{
	struct signal_thread *self = signal_self();
	uint64_t set, timeout = 0, deadline = 0;
	irq_flags_t flags;
	siginfo_t info;
	int sig, err = 0;

	if (sigsetsize != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	if (utimeout) {
		err = timespec_from_user(utimeout, &timeout);
		if (err)
			return err;
		deadline = deadline_after_ns(timeout);
	}
	flags = spin_lock_irqsave(&signal_lock);
	sig = sigpending_take(&self->pending, set, &info) ?:
	      sigpending_take(&self->process->shared, set, &info);
	if (!sig && !(utimeout && !timeout)) {
		uint64_t real_blocked = self->blocked;

		self->blocked &= ~set;
		signal_recalc_locked(self);
		err = thread_block_unlock(&signal_lock, deadline, THREAD_INTERRUPTIBLE);
		spin_lock(&signal_lock);
		self->blocked = real_blocked;
		sig = sigpending_take(&self->pending, set, &info) ?:
		      sigpending_take(&self->process->shared, set, &info);
	}
	signal_recalc_locked(self);
	spin_unlock_irqrestore(&signal_lock, flags);
	if (!sig)
		return err == -ETIMEDOUT || !err ? -EAGAIN : -EINTR;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
