/*
 * fork, vfork, clone and clone3: the flags are checked as Linux checks them,
 * then a thread (CLONE_THREAD, task.c) or a process (proc.c) is made.
 * Namespaces, pidfds, cgroups, chosen tids and the like are refused with
 * -EINVAL and one line saying which.
 */
#include <errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <tessera/printk.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

/* Accepted: what they ask for holds here, or (CLONE_IO, CLONE_SYSVSEM, ...) has no effect to give. */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_VFORK | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
			 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | \
			 CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO | CLONE_PTRACE)
#define CLONE_ARGS_SIZE_VER0 64
#define NSIG_MAX 64

static long unsupported(unsigned long flags)
{
	pr_warn("clone: flags %#lx are not supported (namespaces, pidfds, cgroups, chosen tids, "
		"CLONE_PARENT, CLONE_CLEAR_SIGHAND); returning -EINVAL\n", flags);
	return -EINVAL;
}

static long do_clone(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & ~CLONE_SUPPORTED)
		return unsupported(flags & ~CLONE_SUPPORTED);
	if (flags & CLONE_THREAD)
		return task_clone(flags, sp, ptid, ctid, tls);
	return process_fork(flags, sp, ptid, ctid, tls);
}

SYSCALL_DEFINE0(fork)
{
	return do_clone(0, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE0(vfork)
{
	return do_clone(CLONE_VM | CLONE_VFORK, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, sp, int *, ptid, int *, ctid,
		unsigned long, tls)
{
	return do_clone(flags, sp, ptid, ctid, tls);
}

/* struct clone_args of clone3, as its first sizes define it. */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

/* The user's struct, of any size: a larger one's unknown fields must be zero (E2BIG). */
static int copy_clone3_args(struct clone3_args *args, const void *user, size_t size)
{
	const uint8_t *tail = (const uint8_t *)user + sizeof(*args);
	uint8_t byte;

	if (size > 4096)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	*args = (struct clone3_args){0};
	if (copy_from_user(args, user, MIN(size, sizeof(*args))))
		return -EFAULT;
	for (size_t i = sizeof(*args); i < size; i++) {
		if (copy_from_user(&byte, tail + i - sizeof(*args), 1))
			return -EFAULT;
		if (byte)
			return -E2BIG;
	}
	return 0;
}

SYSCALL_DEFINE2(clone3, const struct clone3_args *, uargs, size_t, size)
{
	struct clone3_args a;
	int err = copy_clone3_args(&a, uargs, size);

	if (err)
		return err;
	if (a.set_tid_size > 32 || (!a.set_tid && a.set_tid_size) || (a.set_tid && !a.set_tid_size))
		return -EINVAL;
	if (a.exit_signal > NSIG_MAX)
		return -EINVAL;
	if (a.flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (a.flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return -EINVAL;
	if ((a.flags & CLONE_SIGHAND) && (a.flags & CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal)
		return -EINVAL;
	if ((a.stack && !a.stack_size) || (!a.stack && a.stack_size))
		return -EINVAL;
	if (a.set_tid_size)
		return unsupported(0);
	if (a.flags & (CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | CLONE_NEWTIME))
		return unsupported(a.flags & (CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | CLONE_NEWTIME));
	return do_clone(a.flags | a.exit_signal, a.stack ? a.stack + a.stack_size : 0,
			(int *)(uintptr_t)a.parent_tid, (int *)(uintptr_t)a.child_tid, a.tls);
}
