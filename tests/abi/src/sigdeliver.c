// SPDX-License-Identifier: MIT
/*
 * Signal delivery: handlers run by raise/kill/tgkill/tkill/rt_sigqueueinfo/
 * rt_tgsigqueueinfo with the siginfo the sender gave, the frame (ucontext
 * with the interrupted registers, FP state, the mask to restore) that a
 * handler may change and rt_sigreturn restores, masks (sa_mask, SA_NODEFER,
 * SA_RESETHAND), the alternate stack (SA_ONSTACK, SS_ONSTACK inside),
 * blocked signals pending then delivered on unblock, standard signals
 * merged and real-time ones queued in order, ignored signals dropped,
 * SA_RESTART vs EINTR on a pipe read, EINTR from timed waits (nanosleep
 * with the time left, poll) and restart_syscall, rt_sigsuspend, pause,
 * rt_sigtimedwait, SIGPIPE, and, in forked children, default actions
 * (a child killed by a signal, SIGCHLD for the parent) and a signal to
 * the parent.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "abi.h"

#define BIT(sig) (1ULL << ((sig)-1))

static volatile int hits[65], last_code, last_value, last_pid_ok, order[8], norder;
static volatile uintptr_t handler_sp;
static volatile uint64_t handler_mask;

static uint64_t get_mask(void)
{
	uint64_t m = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static void set_mask(uint64_t m)
{
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits[sig]++;
	last_code = si->si_code;
	last_value = si->si_value.sival_int;
	last_pid_ok = si->si_pid == getpid();
	handler_mask = get_mask();
	handler_sp = (uintptr_t)__builtin_frame_address(0);
	if (norder < 8)
		order[norder++] = sig;
}

static void install(int sig, int flags, uint64_t mask)
{
	struct sigaction sa = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | flags};

	for (int s = 1; s < 65; s++)
		if (mask & BIT(s))
			sigaddset(&sa.sa_mask, s);
	sigaction(sig, &sa, NULL);
}

static void senders(void)
{
	siginfo_t si;

	install(SIGUSR1, 0, 0);
	check_ok("raise", raise(SIGUSR1));
	check_int("raise ran the handler", hits[SIGUSR1], 1);
	check_ok("kill self", kill(getpid(), SIGUSR1));
	check_true("kill: SI_USER from us", hits[SIGUSR1] == 2 && last_code == SI_USER && last_pid_ok);
	check_ok("tgkill", syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1));
	check_true("tgkill: SI_TKILL", hits[SIGUSR1] == 3 && last_code == SI_TKILL && last_pid_ok);
	check_ok("tkill", syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1));
	check_int("tkill ran the handler", hits[SIGUSR1], 4);
	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_value.sival_int = 42;
	check_ok("rt_sigqueueinfo", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si));
	check_true("rt_sigqueueinfo: the sender's value", last_code == SI_QUEUE && last_value == 42);
	si.si_value.sival_int = 43;
	check_ok("rt_tgsigqueueinfo",
		 syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), SIGUSR1, &si));
	check_true("rt_tgsigqueueinfo: the sender's value", last_value == 43);
	check_ok("kill with signal 0", kill(getpid(), 0));
	check_errno("kill bad signal", kill(getpid(), 65), EINVAL);
	check_errno("tgkill bad tid", syscall(SYS_tgkill, getpid(), 0, SIGUSR1), EINVAL);
	check_errno("tgkill no such thread", syscall(SYS_tgkill, getpid(), 999999, SIGUSR1), ESRCH);
	check_errno("tkill bad tid", syscall(SYS_tkill, -1, SIGUSR1), EINVAL);
	check_errno("kill no such process", kill(999999, SIGUSR1), ESRCH);
	si.si_code = SI_USER;
	check_errno("rt_sigqueueinfo posing as kill elsewhere",
		    syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &si), EPERM);
	check_int("nothing else ran", hits[SIGUSR1], 6);
}

static void masks(void)
{
	uint64_t pending = 0, orig = get_mask();

	install(SIGUSR2, 0, BIT(SIGTERM));
	raise(SIGUSR2);
	check_true("handler mask: sa_mask and the signal",
		   handler_mask == (orig | BIT(SIGUSR2) | BIT(SIGTERM)));
	check_true("mask restored after the handler", get_mask() == orig);
	install(SIGUSR2, SA_NODEFER, 0);
	raise(SIGUSR2);
	check_true("SA_NODEFER: the signal not blocked", handler_mask == orig);
	install(SIGUSR2, SA_RESETHAND, 0);
	raise(SIGUSR2);
	{
		struct sigaction old;

		sigaction(SIGUSR2, NULL, &old);
		check_true("SA_RESETHAND: back to the default", old.sa_handler == SIG_DFL);
	}

	install(SIGUSR1, 0, 0);
	hits[SIGUSR1] = 0;
	set_mask(orig | BIT(SIGUSR1));
	raise(SIGUSR1);
	raise(SIGUSR1);
	check_int("blocked: not run", hits[SIGUSR1], 0);
	syscall(SYS_rt_sigpending, &pending, 8);
	check_true("blocked: pending", pending == BIT(SIGUSR1));
	set_mask(orig);
	check_int("unblocked: run once (standard signals merge)", hits[SIGUSR1], 1);

	install(SIGRTMIN + 1, 0, 0);
	install(SIGRTMIN + 2, 0, 0);
	norder = 0;
	set_mask(orig | BIT(SIGRTMIN + 1) | BIT(SIGRTMIN + 2) | BIT(SIGUSR1));
	raise(SIGRTMIN + 2);
	raise(SIGRTMIN + 1);
	raise(SIGRTMIN + 1);
	raise(SIGUSR1);
	set_mask(orig);
	/* Taken lowest first, each handler's frame above the last: the last taken runs first. */
	check_true("real-time signals queue; frames nest, lowest taken first",
		   norder == 4 && order[0] == SIGRTMIN + 2 && order[1] == SIGRTMIN + 1 &&
			   order[2] == SIGRTMIN + 1 && order[3] == SIGUSR1);

	signal(SIGUSR1, SIG_IGN);
	set_mask(orig | BIT(SIGUSR2));
	raise(SIGUSR1);
	pending = 0;
	syscall(SYS_rt_sigpending, &pending, 8);
	check_true("ignored: dropped", pending == 0);
	signal(SIGUSR1, SIG_DFL);
	set_mask(orig);
	signal(SIGCHLD, SIG_DFL);
	check_ok("default-ignored signal", raise(SIGCHLD));
}

/* The handler moves the interrupted code on: rt_sigreturn restores what the frame holds. */
static volatile int resumed;

static void change_context(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;

	(void)sig, (void)si;
	uc->uc_mcontext.gregs[REG_RAX] = 1234;
	sigaddset(&uc->uc_sigmask, SIGUSR2);
	/* The FP registers of the interrupted code come back, whatever the handler does. */
	__asm__ __volatile__("pcmpeqd %%xmm0, %%xmm0" ::: "xmm0");
}

static void frames(void)
{
	static char stack[65536];
	stack_t ss = {.ss_sp = stack, .ss_size = sizeof(stack)}, inside;
	struct sigaction sa = {.sa_sigaction = change_context, .sa_flags = SA_SIGINFO};
	uint64_t orig = get_mask();
	long rax;
	double x = 2.5, y;

	sigaction(SIGUSR1, &sa, NULL);
	/* kill by hand, so that the frame's %rax is the syscall's result. */
	__asm__ __volatile__("movsd %3, %%xmm0\n\tsyscall\n\tmovsd %%xmm0, %1"
			     : "=a"(rax), "=m"(y)
			     : "0"((long)SYS_kill), "m"(x), "D"((long)getpid()), "S"((long)SIGUSR1)
			     : "rcx", "r11", "memory", "xmm0");
	check_int("handler changed the interrupted %rax", rax, 1234);
	check_true("FP registers restored", y == 2.5);
	check_true("handler changed the mask to restore", get_mask() == (orig | BIT(SIGUSR2)));
	set_mask(orig);

	check_ok("sigaltstack", sigaltstack(&ss, NULL));
	install(SIGUSR1, SA_ONSTACK, 0);
	raise(SIGUSR1);
	check_true("SA_ONSTACK: handler on the alternate stack",
		   handler_sp > (uintptr_t)stack && handler_sp < (uintptr_t)stack + sizeof(stack));
	install(SIGUSR1, 0, 0);
	raise(SIGUSR1);
	check_true("without SA_ONSTACK: on the thread's stack",
		   !(handler_sp > (uintptr_t)stack && handler_sp < (uintptr_t)stack + sizeof(stack)));
	(void)inside;
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
}

static int pipefd[2];

static void *late_writer(void *arg)
{
	(void)arg;
	usleep(100000);
	kill(getpid(), SIGALRM);
	usleep(100000);
	write(pipefd[1], "x", 1);
	return NULL;
}

static void restarts(void)
{
	pthread_t t;
	char c;
	long n;

	pipe(pipefd);
	install(SIGALRM, 0, 0);
	pthread_create(&t, NULL, late_writer, NULL);
	n = read(pipefd[0], &c, 1);
	check("without SA_RESTART: read fails with EINTR", n == -1 && errno == EINTR, "n=%ld errno=%d hits=%d", n, errno, hits[SIGALRM]);
	pthread_join(t, NULL);
	read(pipefd[0], &c, 1);
	install(SIGALRM, SA_RESTART, 0);
	hits[SIGALRM] = 0;
	pthread_create(&t, NULL, late_writer, NULL);
	n = read(pipefd[0], &c, 1);
	check_true("SA_RESTART: read restarted, gets the byte", n == 1 && hits[SIGALRM] == 1);
	pthread_join(t, NULL);
	close(pipefd[0]);
	close(pipefd[1]);
}

static void *send_later(void *arg)
{
	usleep(50000);
	kill(getpid(), (int)(intptr_t)arg);
	return NULL;
}

static void waits(void)
{
	uint64_t orig = get_mask(), only_usr1 = ~BIT(SIGUSR1) & ~(BIT(SIGKILL) | BIT(SIGSTOP));
	struct timespec ts = {0, 20000000};
	pthread_t t;
	siginfo_t si;
	long r;

	install(SIGUSR1, 0, 0);
	set_mask(orig | BIT(SIGUSR1));
	hits[SIGUSR1] = 0;
	pthread_create(&t, NULL, send_later, (void *)(intptr_t)SIGUSR1);
	r = syscall(SYS_rt_sigsuspend, &only_usr1, 8);
	check_true("rt_sigsuspend: EINTR after the handler", r == -1 && errno == EINTR &&
							hits[SIGUSR1] == 1);
	check_true("rt_sigsuspend: mask back", get_mask() == (orig | BIT(SIGUSR1)));
	pthread_join(t, NULL);
	set_mask(orig);

	pthread_create(&t, NULL, send_later, (void *)(intptr_t)SIGUSR1);
	r = syscall(SYS_pause);
	check_true("pause: EINTR after the handler", r == -1 && errno == EINTR && hits[SIGUSR1] == 2);
	pthread_join(t, NULL);

	set_mask(orig | BIT(SIGUSR2));
	pthread_create(&t, NULL, send_later, (void *)(intptr_t)SIGUSR2);
	{
		uint64_t set = BIT(SIGUSR2);

		r = syscall(SYS_rt_sigtimedwait, &set, &si, NULL, 8);
		check_true("rt_sigtimedwait takes the signal", r == SIGUSR2 && si.si_signo == SIGUSR2 &&
								 si.si_code == SI_USER);
		r = syscall(SYS_rt_sigtimedwait, &set, &si, &ts, 8);
		check_true("rt_sigtimedwait times out", r == -1 && errno == EAGAIN);
		raise(SIGUSR2);
		ts.tv_nsec = 0;
		r = syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8);
		check_int("rt_sigtimedwait: a pending one at once", r, SIGUSR2);
		ts.tv_nsec = 1000000000;
		check_errno("rt_sigtimedwait bad timeout",
			    syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8), EINVAL);
		check_errno("rt_sigsuspend bad size", syscall(SYS_rt_sigsuspend, &set, 4), EINVAL);
	}
	pthread_join(t, NULL);
	set_mask(orig);
}

/*
 * Waits that count down (nanosleep, poll) fail with EINTR after a handler
 * even under SA_RESTART, the time left written; restart_syscall has nothing
 * to resume after a handler ran (Linux resumes only when none does: stops).
 */
static void timed_waits(void)
{
	struct timespec req = {2, 0}, rem = {0, 0};
	struct pollfd never;
	pthread_t t;
	int fds[2];
	long r;

	install(SIGALRM, SA_RESTART, 0);
	pthread_create(&t, NULL, send_later, (void *)(intptr_t)SIGALRM);
	r = nanosleep(&req, &rem);
	check("nanosleep: EINTR under SA_RESTART, the time left written",
	      r == -1 && errno == EINTR && rem.tv_sec < 2 && (rem.tv_sec || rem.tv_nsec),
	      "r=%ld errno=%d rem=%ld.%09ld", r, errno, (long)rem.tv_sec, rem.tv_nsec);
	pthread_join(t, NULL);
	r = syscall(SYS_restart_syscall);
	check_true("restart_syscall after a handler: EINTR", r == -1 && errno == EINTR);
	pipe(fds);
	never = (struct pollfd){.fd = fds[0], .events = POLLIN};
	pthread_create(&t, NULL, send_later, (void *)(intptr_t)SIGALRM);
	r = poll(&never, 1, 2000);
	check_true("poll with a timeout: EINTR under SA_RESTART", r == -1 && errno == EINTR);
	pthread_join(t, NULL);
	close(fds[0]);
	close(fds[1]);
}

static void sigpipe(void)
{
	int p[2];

	install(SIGPIPE, 0, 0);
	pipe(p);
	close(p[0]);
	check_errno("write to a pipe without readers", write(p[1], "x", 1), EPIPE);
	check_int("SIGPIPE", hits[SIGPIPE], 1);
	signal(SIGPIPE, SIG_IGN);
	check_errno("SIGPIPE ignored: EPIPE alone", write(p[1], "x", 1), EPIPE);
	close(p[1]);
	signal(SIGPIPE, SIG_DFL);
}

static void children(void)
{
	int status = 0, report[2];
	pid_t pid;

	install(SIGCHLD, 0, 0);
	hits[SIGCHLD] = 0;
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check_true("child killed by SIGTERM", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	check_true("SIGCHLD for the parent", hits[SIGCHLD] >= 1);
	pid = fork();
	if (pid == 0)
		raise(SIGABRT);
	waitpid(pid, &status, 0);
	check_true("child killed by SIGABRT", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);

	install(SIGUSR2, 0, 0);
	hits[SIGUSR2] = 0;
	pipe(report);
	pid = fork();
	if (pid == 0) {
		char ok = kill(getppid(), SIGUSR2) == 0;

		write(report[1], &ok, 1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	{
		char ok = 0;

		read(report[0], &ok, 1);
		check_true("a child signals its parent", ok && hits[SIGUSR2] == 1);
	}
	close(report[0]);
	close(report[1]);
	signal(SIGCHLD, SIG_DFL);
}

int main(void)
{
	abi_begin("sigdeliver");
	senders();
	masks();
	frames();
	restarts();
	waits();
	timed_waits();
	sigpipe();
	children();
	return abi_end();
}
