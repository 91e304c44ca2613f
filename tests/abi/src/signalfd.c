// SPDX-License-Identifier: MIT
/*
 * signalfd: blocked signals read from the file as struct signalfd_siginfo
 * (what kill, sigqueue and tgkill put there), several per read, EAGAIN when
 * none is pending (SFD_NONBLOCK), EINVAL for a short buffer; poll and epoll
 * readiness; changing the mask of an existing signalfd; the old signalfd
 * syscall; refusals (bad flags, size, a descriptor that is not a signalfd).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"

int main(void)
{
	struct signalfd_siginfo ssi[4];
	struct pollfd pfd;
	struct epoll_event ev = {.events = EPOLLIN};
	union sigval value = {.sival_int = 5};
	uint64_t raw = 1ULL << (SIGUSR2 - 1);
	sigset_t set;
	int fd, fd2, ep;

	abi_begin("signalfd");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = signalfd(-1, &set, 0);
	check_ok("signalfd", fd);
	check_anon_file(fd, "[signalfd]");
	close(fd);
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	check_ok("signalfd SFD_NONBLOCK | SFD_CLOEXEC", fd);
	check_errno("nothing pending: EAGAIN", read(fd, ssi, sizeof(ssi)), EAGAIN);
	pfd = (struct pollfd){.fd = fd, .events = POLLIN};
	check_int("poll: not readable", poll(&pfd, 1, 0), 0);
	ep = epoll_create1(0);
	check_ok("epoll_ctl add", epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));

	kill(getpid(), SIGUSR1);
	sigqueue(getpid(), SIGRTMIN, value);
	sigqueue(getpid(), SIGRTMIN, value);
	check_int("poll: readable", poll(&pfd, 1, 0), 1);
	check_int("epoll_wait: readable", epoll_wait(ep, &ev, 1, 0), 1);
	check_errno("short buffer", read(fd, ssi, sizeof(ssi[0]) - 1), EINVAL);
	check_int("read takes three", read(fd, ssi, sizeof(ssi)), 3 * (int)sizeof(ssi[0]));
	check_true("kill: SIGUSR1, SI_USER, our pid",
		   ssi[0].ssi_signo == SIGUSR1 && ssi[0].ssi_code == SI_USER &&
			   ssi[0].ssi_pid == (uint32_t)getpid());
	check_true("sigqueue: SIGRTMIN, SI_QUEUE, its value, twice",
		   ssi[1].ssi_signo == (uint32_t)SIGRTMIN && ssi[1].ssi_code == SI_QUEUE &&
			   ssi[1].ssi_int == 5 && ssi[2].ssi_signo == (uint32_t)SIGRTMIN);
	check_int("taken: poll not readable", poll(&pfd, 1, 0), 0);
	check_errno("taken: EAGAIN", read(fd, ssi, sizeof(ssi)), EAGAIN);

	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	check_int("tgkill: one", read(fd, ssi, sizeof(ssi)), (int)sizeof(ssi[0]));
	check_true("tgkill: SI_TKILL", ssi[0].ssi_code == SI_TKILL);

	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	check_int("change the mask", signalfd(fd, &set, 0), fd);
	raise(SIGUSR2);
	check_int("new mask: SIGUSR2 read", read(fd, ssi, sizeof(ssi)), (int)sizeof(ssi[0]));
	check_int("new mask: its number", ssi[0].ssi_signo, SIGUSR2);

	fd2 = syscall(SYS_signalfd, -1, &raw, 8);
	check_ok("signalfd (old syscall)", fd2);
	raise(SIGUSR2);
	check_int("the old syscall's file, blocking read", read(fd2, ssi, sizeof(ssi)),
		  (int)sizeof(ssi[0]));
	close(fd2);

	check_errno("bad flags", syscall(SYS_signalfd4, -1, &raw, 8, 1), EINVAL);
	check_errno("bad size", syscall(SYS_signalfd4, -1, &raw, 4, 0), EINVAL);
	check_errno("not a signalfd", syscall(SYS_signalfd4, ep, &raw, 8, 0), EINVAL);
	check_errno("bad descriptor", syscall(SYS_signalfd4, 999, &raw, 8, 0), EBADF);
	close(ep);
	close(fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return abi_end();
}
