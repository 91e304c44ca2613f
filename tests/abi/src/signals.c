// SPDX-License-Identifier: MIT
/*
 * Signal state, without delivering a signal: the blocked mask
 * (rt_sigprocmask round trips, SIGKILL and SIGSTOP never blocked), pending
 * signals (rt_sigpending: none), dispositions (rt_sigaction round trips) and
 * the alternate signal stack (sigaltstack).  Raw calls with the kernel's
 * 8-byte sigset: musl checks some arguments itself before the kernel would.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"

#define BIT(sig) (1ULL << ((sig)-1))

/* The kernel's stack_t and struct sigaction (x86_64). */
struct abi_stack {
	void *sp;
	int flags;
	size_t size;
};

#define ABI_SIG_DFL 0UL
#define ABI_SIG_IGN 1UL

struct abi_sigaction {
	unsigned long handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

static long set_mask(int how, uint64_t set, uint64_t *old)
{
	return syscall(SYS_rt_sigprocmask, how, &set, old, 8);
}

static uint64_t get_mask(void)
{
	uint64_t m = ~0ULL;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static void mask(void)
{
	uint64_t orig, old, pending = ~0ULL;

	check_ok("rt_sigprocmask query", syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &orig, 8));
	check_ok("block SIGUSR1", set_mask(SIG_BLOCK, BIT(SIGUSR1), &old));
	check_true("block returns old mask", old == orig);
	check_true("SIGUSR1 blocked", get_mask() == (orig | BIT(SIGUSR1)));
	check_ok("block SIGUSR2", set_mask(SIG_BLOCK, BIT(SIGUSR2), NULL));
	check_true("block adds", get_mask() == (orig | BIT(SIGUSR1) | BIT(SIGUSR2)));
	check_ok("unblock SIGUSR1", set_mask(SIG_UNBLOCK, BIT(SIGUSR1), NULL));
	check_true("unblock removes", get_mask() == ((orig | BIT(SIGUSR2)) & ~BIT(SIGUSR1)));
	check_ok("setmask", set_mask(SIG_SETMASK, BIT(SIGTERM), &old));
	check_true("setmask replaces", get_mask() == BIT(SIGTERM));
	check_ok("block SIGKILL and SIGSTOP",
		 set_mask(SIG_BLOCK, BIT(SIGKILL) | BIT(SIGSTOP), NULL));
	check_true("SIGKILL and SIGSTOP never blocked", get_mask() == BIT(SIGTERM));
	check_errno("rt_sigprocmask bad how", set_mask(42, 0, NULL), EINVAL);
	check_true("bad how changes nothing", get_mask() == BIT(SIGTERM));
	/* Without a new set, how is not looked at. */
	check_ok("rt_sigprocmask bad how, query only",
		 syscall(SYS_rt_sigprocmask, 42, NULL, &old, 8));
	check_errno("rt_sigprocmask bad size",
		    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, 16), EINVAL);

	/* A blocked signal that was never sent is not pending. */
	check_ok("rt_sigpending", syscall(SYS_rt_sigpending, &pending, 8));
	check_true("nothing pending", pending == 0);
	pending = ~0ULL;
	check_ok("rt_sigpending short size", syscall(SYS_rt_sigpending, &pending, 4));
	check_true("rt_sigpending short size writes 4 bytes", pending == 0xffffffff00000000ULL);
	check_errno("rt_sigpending bad size", syscall(SYS_rt_sigpending, &pending, 16), EINVAL);
	check_ok("restore mask", set_mask(SIG_SETMASK, orig, NULL));
	check_true("mask restored", get_mask() == orig);
}

static void actions(void)
{
	struct abi_sigaction act, old, orig;

	memset(&orig, 0xff, sizeof(orig));
	check_ok("rt_sigaction query", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &orig, 8));
	act = (struct abi_sigaction){.handler = ABI_SIG_IGN,
				     .mask = BIT(SIGUSR2) | BIT(SIGKILL) | BIT(SIGSTOP)};
	check_ok("rt_sigaction ignore", syscall(SYS_rt_sigaction, SIGUSR1, &act, NULL, 8));
	memset(&old, 0, sizeof(old));
	check_ok("rt_sigaction query again", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8));
	check_true("SIGUSR1 ignored", old.handler == ABI_SIG_IGN);
	check_true("handler mask kept, SIGKILL and SIGSTOP dropped", old.mask == BIT(SIGUSR2));
	act = (struct abi_sigaction){.handler = ABI_SIG_DFL};
	check_ok("rt_sigaction default", syscall(SYS_rt_sigaction, SIGUSR1, &act, &old, 8));
	check_true("rt_sigaction returns old", old.handler == ABI_SIG_IGN);
	memset(&old, 0xff, sizeof(old));
	check_ok("rt_sigaction query default", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8));
	check_true("SIGUSR1 default", old.handler == ABI_SIG_DFL && old.mask == 0);
	check_errno("rt_sigaction SIGKILL", syscall(SYS_rt_sigaction, SIGKILL, &act, NULL, 8),
		    EINVAL);
	check_errno("rt_sigaction SIGSTOP", syscall(SYS_rt_sigaction, SIGSTOP, &act, NULL, 8),
		    EINVAL);
	check_ok("rt_sigaction query SIGKILL", syscall(SYS_rt_sigaction, SIGKILL, NULL, &old, 8));
	check_errno("rt_sigaction signal 0", syscall(SYS_rt_sigaction, 0, NULL, &old, 8), EINVAL);
	check_errno("rt_sigaction signal 65", syscall(SYS_rt_sigaction, 65, NULL, &old, 8), EINVAL);
	check_errno("rt_sigaction bad size", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 16),
		    EINVAL);
	check_ok("rt_sigaction restore", syscall(SYS_rt_sigaction, SIGUSR1, &orig, NULL, 8));
}

static void altstack(void)
{
	static char stack[65536], small[1024];
	struct abi_stack ss, old;

	memset(&old, 0xff, sizeof(old));
	check_ok("sigaltstack query", syscall(SYS_sigaltstack, NULL, &old));
	check_true("no alternate stack at start",
		   old.flags == SS_DISABLE && old.sp == NULL && old.size == 0);
	ss = (struct abi_stack){.sp = small, .size = sizeof(small)};
	check_errno("sigaltstack too small", syscall(SYS_sigaltstack, &ss, NULL), ENOMEM);
	memset(&old, 0xff, sizeof(old));
	check_ok("sigaltstack refusal changes nothing", syscall(SYS_sigaltstack, NULL, &old));
	check_true("still no alternate stack", old.flags == SS_DISABLE && old.size == 0);

	ss = (struct abi_stack){.sp = stack, .size = sizeof(stack)};
	check_ok("sigaltstack set", syscall(SYS_sigaltstack, &ss, &old));
	check_true("sigaltstack set returns old", old.flags == SS_DISABLE);
	memset(&old, 0, sizeof(old));
	check_ok("sigaltstack query set", syscall(SYS_sigaltstack, NULL, &old));
	check_true("sigaltstack round trip",
		   old.sp == stack && old.size == sizeof(stack) && old.flags == 0);
	/* SS_ONSTACK is accepted, as old programs pass it; it reads back as "not on it". */
	ss = (struct abi_stack){.sp = stack, .flags = SS_ONSTACK, .size = sizeof(stack) / 2};
	check_ok("sigaltstack SS_ONSTACK", syscall(SYS_sigaltstack, &ss, NULL));
	memset(&old, 0xff, sizeof(old));
	check_ok("sigaltstack query SS_ONSTACK", syscall(SYS_sigaltstack, NULL, &old));
	check_true("SS_ONSTACK reads back as 0", old.flags == 0 && old.size == sizeof(stack) / 2);
	ss = (struct abi_stack){.sp = stack, .flags = SS_DISABLE, .size = sizeof(stack)};
	check_ok("sigaltstack disable", syscall(SYS_sigaltstack, &ss, &old));
	check_true("sigaltstack disable returns old",
		   old.sp == stack && old.size == sizeof(stack) / 2);
	memset(&old, 0xff, sizeof(old));
	check_ok("sigaltstack query disabled", syscall(SYS_sigaltstack, NULL, &old));
	check_true("disabled stack forgotten",
		   old.flags == SS_DISABLE && old.sp == NULL && old.size == 0);
	/* Disabling needs no size. */
	ss = (struct abi_stack){.flags = SS_DISABLE};
	check_ok("sigaltstack disable without size", syscall(SYS_sigaltstack, &ss, NULL));
	/* Only SS_ONSTACK or SS_DISABLE (and SS_AUTODISARM), never both. */
	ss = (struct abi_stack){
		.sp = stack, .flags = SS_ONSTACK | SS_DISABLE, .size = sizeof(stack)};
	check_errno("sigaltstack bad flags", syscall(SYS_sigaltstack, &ss, NULL), EINVAL);
}

int main(void)
{
	abi_begin("signals");
	mask();
	actions();
	altstack();
	return abi_end();
}
