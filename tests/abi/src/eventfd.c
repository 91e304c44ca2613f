// SPDX-License-Identifier: MIT
/*
 * eventfd: eventfd/eventfd2 and their flags, what the file looks like
 * (fstat, fcntl, /proc/self/fd), reads taking the counter (or 1 of it with
 * EFD_SEMAPHORE), writes adding to it up to 2^64-2, EAGAIN, EINVAL and
 * EFAULT exactly where Linux has them, poll readiness, and a counter shared
 * with a forked child.  (A reader blocked until another thread writes needs
 * threads: left for when they exist.)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"

#define COUNT_MAX UINT64_MAX

static short revents(int fd)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN | POLLOUT};

	return poll(&pfd, 1, 0) < 0 ? -1 : pfd.revents;
}

static long put(int fd, uint64_t value)
{
	return write(fd, &value, sizeof(value));
}

/* The value read, or -1 (errno set). */
static long long take(int fd)
{
	uint64_t value;

	return read(fd, &value, sizeof(value)) == sizeof(value) ? (long long)value : -1;
}

static void the_file(void)
{
	int fd = eventfd(0, 0), cl, nb;
	char buf[8];

	check_ok("eventfd", fd);
	check_anon_file(fd, "[eventfd]");
	check_errno("lseek bad whence", lseek(fd, 0, 99), EINVAL);
	check_errno("pread", pread(fd, buf, 8, 0), ESPIPE);
	close(fd);

	cl = eventfd(0, EFD_CLOEXEC);
	check_int("EFD_CLOEXEC", fcntl(cl, F_GETFD), FD_CLOEXEC);
	nb = eventfd(0, EFD_NONBLOCK);
	check_int("EFD_NONBLOCK", fcntl(nb, F_GETFL), O_RDWR | O_NONBLOCK);
	close(cl);
	close(nb);
	check_errno("eventfd2 bad flags", syscall(SYS_eventfd2, 0, 0x10), EINVAL);
	check_errno("eventfd2 O_RDWR flag", syscall(SYS_eventfd2, 0, O_RDWR), EINVAL);
	fd = syscall(SYS_eventfd, 42);
	check_ok("raw eventfd", fd);
	check_int("raw eventfd initial value", take(fd), 42);
	check_int("raw eventfd flags", fcntl(fd, F_GETFL), O_RDWR);
	close(fd);
}

static void counter(void)
{
	uint64_t big[2] = {0, 0};
	int fd = eventfd(7, EFD_NONBLOCK);

	check_int("poll with a count", revents(fd), POLLIN | POLLOUT);
	check_int("read the initial value", take(fd), 7);
	check_int("poll at zero", revents(fd), POLLOUT);
	check_errno("read at zero", take(fd), EAGAIN);
	check_int("write", put(fd, 5), 8);
	check_int("write more", put(fd, 30), 8);
	check_int("write zero", put(fd, 0), 8);
	check_int("read the sum", take(fd), 35);
	check_errno("read what was taken", take(fd), EAGAIN);

	check_errno("short read", read(fd, big, 7), EINVAL);
	check_errno("short write", write(fd, big, 4), EINVAL);
	check_errno("long write", write(fd, (uint64_t[]){3, 99}, 16), EINVAL);
	check_int("write for a long read", put(fd, 3), 8);
	check_int("long read gives 8 bytes", read(fd, big, sizeof(big)), 8);
	check_int("long read value", big[0], 3);
	check_errno("write 2^64-1", put(fd, COUNT_MAX), EINVAL);

	check_int("write 2^64-2", put(fd, COUNT_MAX - 1), 8);
	check_int("poll full", revents(fd), POLLIN);
	check_errno("write past full", put(fd, 1), EAGAIN);
	check_int("write zero when full", put(fd, 0), 8);
	check_int("read full", take(fd), (long long)(COUNT_MAX - 1));
	check_int("write 2^64-3", put(fd, COUNT_MAX - 2), 8);
	check_int("poll one below full", revents(fd), POLLIN | POLLOUT);
	check_int("write the last 1", put(fd, 1), 8);
	check_errno("then nothing fits", put(fd, 1), EAGAIN);
	take(fd);

	check_int("write for a bad buffer", put(fd, 9), 8);
	check_errno("read into a bad buffer", syscall(SYS_read, fd, NULL, 8), EFAULT);
	check_errno("value taken anyway", take(fd), EAGAIN);
	check_errno("write from a bad buffer", syscall(SYS_write, fd, NULL, 8), EFAULT);
	check_errno("nothing written", take(fd), EAGAIN);
	close(fd);
}

static void semaphore(void)
{
	int fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);

	check_int("semaphore read 1", take(fd), 1);
	check_int("semaphore read 2", take(fd), 1);
	check_errno("semaphore empty", take(fd), EAGAIN);
	put(fd, 3);
	check_int("semaphore after write", take(fd), 1);
	check_int("semaphore count left", revents(fd), POLLIN | POLLOUT);
	close(fd);

	fd = eventfd(1, EFD_SEMAPHORE);
	check_int("blocking read with a count", take(fd), 1);
	close(fd);
}

/* A forked child shares the counter (the same open file). */
static void shared_with_child(void)
{
	int fd = eventfd(0, EFD_NONBLOCK), status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(put(fd, 11) == 8 && put(fd, 4) == 8 ? 0 : 1);
	check_int("child exit", waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
				       WEXITSTATUS(status) : -1, 0);
	check_int("child's writes seen", take(fd), 15);
	close(fd);
}

int main(void)
{
	abi_begin("eventfd");
	the_file();
	counter();
	semaphore();
	shared_with_child();
	return abi_end();
}
