// SPDX-License-Identifier: MIT
/*
 * Pipes: pipe/pipe2, data across, EOF once every write end is closed,
 * O_NONBLOCK and EAGAIN, capacity (F_GETPIPE_SZ, F_SETPIPE_SZ), FIONREAD,
 * poll readiness, new ends opened through /proc/self/fd and /dev/fd.
 * (Writing to a pipe without readers raises SIGPIPE: left for when signals
 * exist.)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"

static int lowest_free_fd(void)
{
	int i;

	for (i = 0; fcntl(i, F_GETFD) != -1; i++)
		;
	return i;
}

static int nread(int fd)
{
	int n = -1;

	return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

static short revents(int fd, short events)
{
	struct pollfd pfd = {.fd = fd, .events = events};

	return poll(&pfd, 1, 0) < 0 ? -1 : pfd.revents;
}

static void blocking_pipe(void)
{
	struct stat st;
	char buf[16];
	int p[2], want, d;

	want = lowest_free_fd();
	check_ok("pipe", pipe(p));
	check_int("pipe read end is lowest free fd", p[0], want);
	check_int("pipe write end is next", p[1], want + 1);
	check_ok("fstat pipe", fstat(p[0], &st));
	check_true("pipe is fifo", S_ISFIFO(st.st_mode));
	check_int("read end mode", fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	check_int("write end mode", fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	check_int("pipe not cloexec", fcntl(p[0], F_GETFD) | fcntl(p[1], F_GETFD), 0);
	check_int("pipe blocking", fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	check_int("FIONREAD empty", nread(p[0]), 0);
	check_int("poll empty", revents(p[0], POLLIN), 0);
	check_int("poll writable", revents(p[1], POLLOUT), POLLOUT);

	check_int("write", write(p[1], "abcdefg", 7), 7);
	check_int("write zero bytes", write(p[1], "", 0), 0);
	check_int("FIONREAD after write", nread(p[0]), 7);
	check_int("poll readable", revents(p[0], POLLIN), POLLIN);
	check_int("read part", read(p[0], buf, 3), 3);
	check_mem("read part content", buf, "abc", 3);
	check_int("FIONREAD after read", nread(p[0]), 4);
	check_int("read returns what is there", read(p[0], buf, sizeof(buf)), 4);
	check_mem("read rest content", buf, "defg", 4);
	check_errno("read on write end", read(p[1], buf, 1), EBADF);
	check_errno("write on read end", write(p[0], "x", 1), EBADF);
	check_errno("lseek pipe", lseek(p[0], 0, SEEK_CUR), ESPIPE);
	check_errno("pread pipe", pread(p[0], buf, 1, 0), ESPIPE);

	/* EOF only when the last write end goes: a dup keeps it open. */
	d = dup(p[1]);
	check_int("write through dup", write(d, "xy", 2), 2);
	check_ok("close write end", close(p[1]));
	check_int("read after close, dup open", read(p[0], buf, sizeof(buf)), 2);
	check_ok("F_SETFL O_NONBLOCK", fcntl(p[0], F_SETFL, O_NONBLOCK));
	check_errno("no EOF while a dup is open", read(p[0], buf, sizeof(buf)), EAGAIN);
	check_int("write before last close", write(d, "z", 1), 1);
	check_ok("close last write end", close(d));
	check_int("data before EOF", read(p[0], buf, sizeof(buf)), 1);
	check_int("EOF", read(p[0], buf, sizeof(buf)), 0);
	check_int("EOF again", read(p[0], buf, sizeof(buf)), 0);
	check_true("poll hangup", revents(p[0], POLLIN) & POLLHUP);
	close(p[0]);

	check_ok("pipe for reader close", pipe(p));
	close(p[0]);
	check_true("poll error without reader", revents(p[1], POLLOUT) & POLLERR);
	close(p[1]);
}

static void nonblocking_pipe(void)
{
	static unsigned char chunk[4096], back[4096];
	int p[2], i, total, bad;
	long n;

	check_ok("pipe2", pipe2(p, O_NONBLOCK | O_CLOEXEC));
	check_true("pipe2 O_NONBLOCK",
		   (fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK));
	check_true("pipe2 O_CLOEXEC",
		   fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	check_errno("read empty nonblocking", read(p[0], back, 1), EAGAIN);
	check_int("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ), 65536);

	/* Fill it in page-sized (atomic) writes, each chunk numbered. */
	for (total = 0, i = 0; i < 100; i++) {
		memset(chunk, i + 1, sizeof(chunk));
		n = write(p[1], chunk, sizeof(chunk));
		if (n < 0)
			break;
		total += n;
	}
	check_errno("write full nonblocking", n, EAGAIN);
	check_int("pipe capacity", total, 65536);
	check_int("FIONREAD full", nread(p[0]), 65536);
	check_int("poll full not writable", revents(p[1], POLLOUT), 0);
	for (bad = 0, i = 0; i < 16; i++) {
		memset(chunk, i + 1, sizeof(chunk));
		if (read(p[0], back, sizeof(back)) != sizeof(back) ||
		    memcmp(back, chunk, sizeof(chunk)))
			bad++;
	}
	check_int("data through full pipe intact", bad, 0);
	check_errno("drained", read(p[0], back, 1), EAGAIN);
	close(p[0]);
	close(p[1]);

	check_errno("pipe2 bad flags", syscall(SYS_pipe2, p, O_APPEND), EINVAL);
}

/* F_SETPIPE_SZ: sizes rounded as Linux rounds them, data kept, room never below the data. */
static void pipe_sizes(void)
{
	static char chunk[4096];
	int p[2], f, total = 0;

	check_ok("a pipe to resize", pipe2(p, O_NONBLOCK));
	check_int("F_SETPIPE_SZ 100000", fcntl(p[1], F_SETPIPE_SZ, 100000), 131072);
	check_int("F_GETPIPE_SZ after", fcntl(p[0], F_GETPIPE_SZ), 131072);
	while (write(p[1], chunk, sizeof(chunk)) == sizeof(chunk))
		total += sizeof(chunk);
	check_int("filled to the new size", total, 131072);
	check_errno("F_SETPIPE_SZ below the data", fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	while (read(p[0], chunk, sizeof(chunk)) > 0)
		;
	check_int("F_SETPIPE_SZ 0 is a page", fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	check_int("a page holds a page", write(p[1], chunk, sizeof(chunk)), 4096);
	check_errno("and no more", write(p[1], chunk, 1), EAGAIN);
	check_errno("F_SETPIPE_SZ too big", fcntl(p[1], F_SETPIPE_SZ, (1UL << 31) + 1), EINVAL);
	f = open("/proc/self/exe", O_RDONLY);
	check_errno("F_GETPIPE_SZ of a regular file", fcntl(f, F_GETPIPE_SZ), EBADF);
	check_errno("F_SETPIPE_SZ of a regular file", fcntl(f, F_SETPIPE_SZ, 4096), EBADF);
	close(f);
	close(p[0]);
	close(p[1]);
}

/* /proc/self/fd/N of a pipe opens a new end of that same pipe (Linux's magic links). */
static void reopened_pipe(void)
{
	struct stat a, b;
	char path[64], buf[4];
	int p[2], r, w;

	check_ok("a pipe to open again", pipe(p));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	w = open(path, O_WRONLY);
	check_true("open /proc/self/fd/N of a write end", w >= 0 && w != p[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", p[0]);
	r = open(path, O_RDONLY | O_NONBLOCK);
	check_true("open /dev/fd/N of a read end", r >= 0);
	check_true("the same pipe", !fstat(r, &a) && !fstat(p[0], &b) && a.st_ino == b.st_ino);
	check_true("a new open file description",
		   (fcntl(r, F_GETFL) & O_NONBLOCK) && !(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	check_int("write through the new end", write(w, "hi", 2), 2);
	check_true("read through the old end", read(p[0], buf, 2) == 2 && !memcmp(buf, "hi", 2));
	close(p[1]);
	check_errno("a write end remains: EAGAIN", read(r, buf, 1), EAGAIN);
	close(w);
	check_int("end of file once every write end is closed", read(r, buf, 1), 0);
	close(r);
	close(p[0]);
}

int main(void)
{
	abi_begin("pipes");
	blocking_pipe();
	nonblocking_pipe();
	pipe_sizes();
	reopened_pipe();
	return abi_end();
}
