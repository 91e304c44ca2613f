/*
 * Settings libcs make at start-up: thread-local storage registers, the
 * thread name (prctl); and randomness, the CPU we run on.
 */
#include <asm/prctl.h>
#include <errno.h>
#include <linux/prctl.h>
#include <linux/random.h>
#include <string.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/syscall.h>
#include <tessera/boot.h>
#include <tessera/process.h>
#include <tessera/random.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

static bool canonical_user_address(uintptr_t a)
{
	return a < 0x800000000000UL || a >= 0xffff800000000000UL;
}

SYSCALL_DEFINE2(arch_prctl, int, code, unsigned long, addr)
{
	uintptr_t value;

	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (!canonical_user_address(addr))
			return -EPERM;
		if (code == ARCH_SET_FS)
			arch_set_fs_base(addr);
		else
			arch_set_gs_base(addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		value = code == ARCH_GET_FS ? arch_get_fs_base() : arch_get_gs_base();
		return copy_to_user((void *)addr, &value, sizeof(value));
	case ARCH_GET_CPUID:
		return 1; /* cpuid is allowed */
	default:
		return -EINVAL;
	}
}

/* Restartable sequences: libcs fall back when Linux lacks them. */
SYSCALL_STUB(rseq);

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4,
		unsigned long, arg5)
{
	struct task *self = task_current();
	char name[COMM_LEN];

	(void)arg3, (void)arg4, (void)arg5;
	switch (option) {
	case PR_SET_NAME:
		if (copy_from_user(name, (void *)arg2, sizeof(name) - 1))
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		if (self->tid == process_pid())
			process_set_comm(name); /* the leader names the process too */
		else
			memcpy(self->comm, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void *)arg2, self->comm, sizeof(self->comm));
	case PR_GET_DUMPABLE:
	case PR_CAPBSET_READ:
		return 1;
	case PR_SET_DUMPABLE:
	case PR_SET_PDEATHSIG:
	case PR_SET_KEEPCAPS:
	case PR_SET_NO_NEW_PRIVS:
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_TIMERSLACK:
	case PR_SET_THP_DISABLE:
	case PR_SET_VMA:
		return 0; /* nothing to change for the only process of the machine */
	case PR_GET_PDEATHSIG:
		return copy_to_user((void *)arg2, &(int){0}, sizeof(int));
	case PR_GET_NO_NEW_PRIVS:
	case PR_GET_KEEPCAPS:
	case PR_GET_CHILD_SUBREAPER:
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(getrandom, void *, buf, size_t, len, unsigned int, flags)
{
	char chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    ((flags & GRND_RANDOM) && (flags & GRND_INSECURE)))
		return -EINVAL;
	len = MIN(len, (size_t)0x1ffffff); /* Linux's cap per call */
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		random_bytes(chunk, n);
		if (copy_to_user((char *)buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}

SYSCALL_DEFINE3(getcpu, unsigned int *, cpu, unsigned int *, node, void *, cache)
{
	unsigned int zero = 0;

	(void)cache;
	if (cpu && copy_to_user(cpu, &zero, sizeof(zero)))
		return -EFAULT;
	return node ? copy_to_user(node, &zero, sizeof(zero)) : 0;
}
