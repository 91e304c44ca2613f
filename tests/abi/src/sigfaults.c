// SPDX-License-Identifier: MIT
/*
 * Signals from faults in the program's own code, each caught by a handler
 * that reads its siginfo and resumes past the fault with siglongjmp: a read
 * of an unmapped page (SIGSEGV, SEGV_MAPERR, si_addr), a write to a
 * read-only page (SEGV_ACCERR), a division by zero (SIGFPE, FPE_INTDIV), an
 * invalid opcode (SIGILL, ILL_ILLOPN), int3 (SIGTRAP), a fault on the
 * alternate stack after the thread's stack overflowed, and abort() ending
 * a forked child with SIGABRT.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"

static sigjmp_buf resume;
static volatile int got_sig, got_code;
static void *volatile got_addr;
static volatile uintptr_t handler_sp;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	handler_sp = (uintptr_t)__builtin_frame_address(0);
	siglongjmp(resume, 1);
}

static void catch(int sig, int flags)
{
	struct sigaction sa = {.sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | flags};

	sigaction(sig, &sa, NULL);
}

static volatile int zero, depth_limit = 1 << 30;

static int recurse(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	if (n == depth_limit)
		return 0;
	return recurse(n + 1) + pad[0];
}

int main(void)
{
	static char altstack[65536];
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	long page = sysconf(_SC_PAGESIZE);
	char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *gone = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = 0;
	pid_t pid;

	abi_begin("sigfaults");
	munmap(gone, page);
	catch(SIGSEGV, 0);
	if (!sigsetjmp(resume, 1))
		(void)*(volatile char *)(gone + 8);
	check_true("unmapped read: SIGSEGV SEGV_MAPERR at the address",
		   got_sig == SIGSEGV && got_code == SEGV_MAPERR && got_addr == gone + 8);
	if (!sigsetjmp(resume, 1))
		*(volatile char *)(ro + 16) = 1;
	check_true("read-only write: SIGSEGV SEGV_ACCERR at the address",
		   got_sig == SIGSEGV && got_code == SEGV_ACCERR && got_addr == ro + 16);
	if (!sigsetjmp(resume, 1))
		(void)*(volatile int *)0;
	check_true("NULL read: SIGSEGV at 0", got_sig == SIGSEGV && got_addr == NULL);

	catch(SIGFPE, 0);
	if (!sigsetjmp(resume, 1))
		__asm__ __volatile__("cltd; idivl %1" ::"a"(1), "r"(zero) : "rdx");
	check_true("division by zero: SIGFPE FPE_INTDIV", got_sig == SIGFPE && got_code == FPE_INTDIV);
	catch(SIGILL, 0);
	if (!sigsetjmp(resume, 1))
		__asm__ __volatile__("ud2");
	check_true("ud2: SIGILL ILL_ILLOPN", got_sig == SIGILL && got_code == ILL_ILLOPN);
	catch(SIGTRAP, 0);
	if (!sigsetjmp(resume, 1))
		__asm__ __volatile__("int3");
	check_true("int3: SIGTRAP", got_sig == SIGTRAP);

	check_ok("sigaltstack", sigaltstack(&ss, NULL));
	catch(SIGSEGV, SA_ONSTACK);
	got_sig = 0;
	pid = fork();
	if (pid == 0) {
		if (!sigsetjmp(resume, 1))
			recurse(0);
		_exit(got_sig == SIGSEGV && handler_sp > (uintptr_t)altstack &&
		      handler_sp < (uintptr_t)altstack + sizeof(altstack) ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check_true("stack overflow handled on the alternate stack",
		   WIFEXITED(status) && WEXITSTATUS(status) == 0);

	pid = fork();
	if (pid == 0)
		abort();
	waitpid(pid, &status, 0);
	check_true("abort: the child killed by SIGABRT",
		   WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	signal(SIGSEGV, SIG_DFL);
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_IGN);
		raise(SIGSEGV);
		_exit(3);
	}
	waitpid(pid, &status, 0);
	check_true("a raised SIGSEGV ignored", WIFEXITED(status) && WEXITSTATUS(status) == 3);
	munmap(ro, page);
	return abi_end();
}
