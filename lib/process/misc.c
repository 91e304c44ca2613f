/*
 * Per-thread and process settings libcs make at start-up: thread-local
 * storage registers, the clear-tid address, the robust-futex list, the
 * thread name; and randomness, CPU affinity, exit.
 */
#include <asm/prctl.h>
#include <errno.h>
#include <linux/prctl.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <string.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/syscall.h>
#include <tessera/boot.h>
#include <tessera/process.h>
#include <tessera/random.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>

static uintptr_t clear_child_tid;
static uintptr_t robust_list_head;
/* The one length Linux accepts and reports: sizeof(struct robust_list_head). */
static const size_t robust_list_len = 24;
static char thread_name[16] = "main"; /* comm: PR_SET_NAME, /proc/self/comm */

const char *process_comm(void)
{
	return thread_name;
}

void process_set_comm(const char *name)
{
	strncpy(thread_name, name, sizeof(thread_name) - 1);
	thread_name[sizeof(thread_name) - 1] = '\0';
}

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

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	clear_child_tid = (uintptr_t)tidptr;
	return 1;
}

SYSCALL_DEFINE2(set_robust_list, void *, head, size_t, len)
{
	if (len != robust_list_len)
		return -EINVAL;
	robust_list_head = (uintptr_t)head;
	return 0;
}

SYSCALL_DEFINE3(get_robust_list, int, pid, void **, head, size_t *, len)
{
	if (pid != 0 && pid != 1)
		return -ESRCH;
	return copy_to_user(head, &robust_list_head, sizeof(void *)) ?:
		       copy_to_user(len, &robust_list_len, sizeof(size_t));
}

/* Restartable sequences: libcs fall back when Linux lacks them. */
SYSCALL_STUB(rseq);

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4,
		unsigned long, arg5)
{
	char name[sizeof(thread_name)];

	(void)arg3, (void)arg4, (void)arg5;
	switch (option) {
	case PR_SET_NAME:
		if (copy_from_user(name, (void *)arg2, sizeof(name) - 1))
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		process_set_comm(name);
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void *)arg2, thread_name, sizeof(thread_name));
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

SYSCALL_DEFINE0(sched_yield)
{
	thread_yield();
	return 0;
}

/* One CPU: a mask with bit 0. */
SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, unsigned long *, mask)
{
	unsigned long cpu0 = 1;

	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (len < sizeof(cpu0) || len % sizeof(cpu0))
		return -EINVAL;
	for (unsigned int i = 0; i < len / sizeof(cpu0); i++) {
		if (copy_to_user(mask + i, i == 0 ? &cpu0 : &(unsigned long){0}, sizeof(cpu0)))
			return -EFAULT;
	}
	return sizeof(cpu0);
}

SYSCALL_DEFINE3(sched_setaffinity, int, pid, unsigned int, len, const unsigned long *, mask)
{
	unsigned long first;

	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (len < sizeof(first) || copy_from_user(&first, mask, sizeof(first)))
		return len < sizeof(first) ? -EINVAL : -EFAULT;
	return first & 1 ? 0 : -EINVAL;
}

SYSCALL_DEFINE3(getcpu, unsigned int *, cpu, unsigned int *, node, void *, cache)
{
	unsigned int zero = 0;

	(void)cache;
	if (cpu && copy_to_user(cpu, &zero, sizeof(zero)))
		return -EFAULT;
	return node ? copy_to_user(node, &zero, sizeof(zero)) : 0;
}


/* One scheduling policy, SCHED_OTHER, at priority 0; others are accepted and reported back. */
static int policy;

struct sched_param_abi {
	int priority;
};

static bool valid_policy(int p)
{
	return p == SCHED_NORMAL || p == SCHED_FIFO || p == SCHED_RR || p == SCHED_BATCH ||
	       p == SCHED_IDLE || p == SCHED_DEADLINE;
}

/* SCHED_FIFO and SCHED_RR have priorities 1..99; the others only 0. */
static bool valid_priority(int p, int priority)
{
	return p == SCHED_FIFO || p == SCHED_RR ? priority >= 1 && priority <= 99 : priority == 0;
}

SYSCALL_DEFINE1(sched_getscheduler, int, pid)
{
	return pid == 0 || pid == 1 ? policy : -ESRCH;
}

SYSCALL_DEFINE3(sched_setscheduler, int, pid, int, new_policy, const struct sched_param_abi *,
		param)
{
	struct sched_param_abi p;

	new_policy &= ~SCHED_RESET_ON_FORK;
	if (pid < 0 || !param || !valid_policy(new_policy))
		return -EINVAL;
	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (copy_from_user(&p, param, sizeof(p)))
		return -EFAULT;
	if (!valid_priority(new_policy, p.priority))
		return -EINVAL;
	policy = new_policy;
	return 0;
}

SYSCALL_DEFINE2(sched_getparam, int, pid, struct sched_param_abi *, param)
{
	struct sched_param_abi p = {0};

	if (pid < 0 || !param)
		return -EINVAL;
	if (pid != 0 && pid != 1)
		return -ESRCH;
	return copy_to_user(param, &p, sizeof(p));
}

SYSCALL_DEFINE2(sched_setparam, int, pid, const struct sched_param_abi *, param)
{
	struct sched_param_abi p;

	if (pid < 0 || !param)
		return -EINVAL;
	if (pid != 0 && pid != 1)
		return -ESRCH;
	if (copy_from_user(&p, param, sizeof(p)))
		return -EFAULT;
	return valid_priority(policy, p.priority) ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, which)
{
	return !valid_policy(which) ? -EINVAL : which == SCHED_FIFO || which == SCHED_RR ? 99 : 0;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, which)
{
	return !valid_policy(which) ? -EINVAL : which == SCHED_FIFO || which == SCHED_RR ? 1 : 0;
}
