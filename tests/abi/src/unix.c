// SPDX-License-Identifier: MIT
/*
 * AF_UNIX sockets: socketpair (stream and datagram), end of file and EPIPE
 * (with SIGPIPE unless MSG_NOSIGNAL, and the write(2) of a socket too),
 * descriptors passed with SCM_RIGHTS (and MSG_CMSG_CLOEXEC), names in the
 * file system and in the abstract name space, listen/connect/accept,
 * getsockname/getpeername lengths, SO_PEERCRED, datagrams with their
 * source, message boundaries and MSG_TRUNC, a full non-blocking stream,
 * FIONREAD, and the error numbers of connecting to what does not listen.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "abi.h"

#define POLL_MS 10000

static socklen_t unix_addr(struct sockaddr_un *a, const char *path, size_t len)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path, path, len);
	return offsetof(struct sockaddr_un, sun_path) + len;
}

static short revents(int fd, short events, int timeout)
{
	struct pollfd p = {.fd = fd, .events = events};

	return poll(&p, 1, timeout) == 1 ? p.revents : 0;
}

static volatile sig_atomic_t sigpipes;

static void count_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static void pairs(void)
{
	int sv[2], n = -1;
	char buf[16];

	check_ok("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	check_int("send", send(sv[0], "hello", 5, 0), 5);
	check_ok("FIONREAD", ioctl(sv[1], FIONREAD, &n));
	check_int("FIONREAD bytes", n, 5);
	check_int("stream joins writes", send(sv[0], "world", 5, 0), 5);
	check_int("recv across writes", recv(sv[1], buf, sizeof(buf), 0), 10);
	check_mem("stream data", buf, "helloworld", 10);
	check_int("write back", write(sv[1], "ok", 2), 2);
	check_int("read back", read(sv[0], buf, sizeof(buf)), 2);
	check_ok("shutdown write", shutdown(sv[0], SHUT_WR));
	check_int("poll end of file", revents(sv[1], POLLIN, 0) & POLLIN, POLLIN);
	check_int("end of file", recv(sv[1], buf, sizeof(buf), 0), 0);
	check_errno("send after shutdown", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	close(sv[1]);
	check_errno("send to closed peer", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	check_int("no SIGPIPE with MSG_NOSIGNAL", sigpipes, 0);
	signal(SIGPIPE, count_sigpipe);
	check_errno("send to closed peer: SIGPIPE", send(sv[0], "x", 1, 0), EPIPE);
	check_errno("write to closed peer: SIGPIPE", write(sv[0], "x", 1), EPIPE);
	check_int("SIGPIPE raised by each", sigpipes, 2);
	signal(SIGPIPE, SIG_DFL);
	check_int("hang-up seen", revents(sv[0], POLLIN, 0) & (POLLIN | POLLHUP), POLLIN | POLLHUP);
	close(sv[0]);

	check_ok("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv));
	check_errno("dgram empty", recv(sv[1], buf, sizeof(buf), 0), EAGAIN);
	check_int("dgram send", send(sv[0], "first", 5, 0), 5);
	check_int("dgram send 2", send(sv[0], "second", 6, 0), 6);
	check_ok("dgram FIONREAD", ioctl(sv[1], FIONREAD, &n));
	check_int("dgram FIONREAD next", n, 5);
	check_int("dgram boundary", recv(sv[1], buf, sizeof(buf), 0), 5);
	check_int("dgram MSG_TRUNC", recv(sv[1], buf, 3, MSG_TRUNC), 6);
	close(sv[0]);
	close(sv[1]);

	check_errno("socketpair bad protocol", socketpair(AF_UNIX, SOCK_STREAM, 99, sv),
		    EPROTONOSUPPORT);
}

/* Send fd over sock with SCM_RIGHTS, with one byte of data. */
static ssize_t send_fd(int sock, int fd)
{
	char byte = 'F';
	struct iovec iov = {&byte, 1};
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
			     .msg_controllen = sizeof(ctl.space)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	memset(&ctl, 0, sizeof(ctl));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0);
}

/* Receive a descriptor: it, or -1; *flags the message's flags. */
static int recv_fd(int sock, int recv_flags, int *msg_flags, size_t control_room)
{
	char byte, space[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {&byte, 1};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = space,
			     .msg_controllen = control_room};
	struct cmsghdr *c;
	int fd = -1;

	if (recvmsg(sock, &msg, recv_flags) != 1)
		return -2;
	*msg_flags = msg.msg_flags;
	c = CMSG_FIRSTHDR(&msg);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static void rights(void)
{
	int sv[2], p[2], fd, flags = 0;
	char buf[8];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	check_int("sendmsg SCM_RIGHTS", send_fd(sv[0], p[0]), 1);
	check_int("data beside a descriptor", send(sv[0], "data", 4, 0), 4);
	fd = recv_fd(sv[1], 0, &flags, CMSG_SPACE(sizeof(int)));
	check_true("descriptor received", fd >= 0 && fd != p[0]);
	check_int("no truncation", flags & MSG_CTRUNC, 0);
	check_int("received descriptor not cloexec", fcntl(fd, F_GETFD), 0);
	check_int("write into the pipe", write(p[1], "pipe", 4), 4);
	check_int("read through the received descriptor", read(fd, buf, sizeof(buf)), 4);
	check_mem("pipe data", buf, "pipe", 4);
	check_int("data after the descriptor", recv(sv[1], buf, sizeof(buf), 0), 4);
	close(fd);

	check_int("send again", send_fd(sv[0], p[1]), 1);
	fd = recv_fd(sv[1], MSG_CMSG_CLOEXEC, &flags, CMSG_SPACE(sizeof(int)));
	check_int("MSG_CMSG_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);

	check_int("send a third", send_fd(sv[0], p[0]), 1);
	fd = recv_fd(sv[1], 0, &flags, 0);
	check_int("no room for the descriptor", fd, -1);
	check_int("MSG_CTRUNC", flags & MSG_CTRUNC, MSG_CTRUNC);
	check_errno("SCM_RIGHTS of a bad descriptor", send_fd(sv[0], 999), EBADF);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void names(void)
{
	struct sockaddr_un a, b;
	socklen_t alen = unix_addr(&a, "sock", 5), blen;
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0), client, server, other;
	struct ucred cred;
	struct stat st;
	char buf[8];

	check_ok("bind path", bind(lfd, (struct sockaddr *)&a, alen));
	check_ok("stat socket file", stat("sock", &st));
	check_true("socket file is S_IFSOCK", S_ISSOCK(st.st_mode));
	other = socket(AF_UNIX, SOCK_STREAM, 0);
	check_errno("bind existing path", bind(other, (struct sockaddr *)&a, alen), EADDRINUSE);
	check_errno("connect before listen", connect(other, (struct sockaddr *)&a, alen),
		    ECONNREFUSED);
	check_ok("listen", listen(lfd, 4));
	blen = sizeof(b);
	check_ok("getsockname path", getsockname(lfd, (struct sockaddr *)&b, &blen));
	check_int("path name length", blen, offsetof(struct sockaddr_un, sun_path) + 5);
	check_str("path name", b.sun_path, "sock");

	client = socket(AF_UNIX, SOCK_STREAM, 0);
	check_ok("connect path", connect(client, (struct sockaddr *)&a, alen));
	blen = sizeof(b);
	check_ok("getsockname unnamed", getsockname(client, (struct sockaddr *)&b, &blen));
	check_int("unnamed length", blen, offsetof(struct sockaddr_un, sun_path));
	blen = sizeof(b);
	check_ok("getpeername of client", getpeername(client, (struct sockaddr *)&b, &blen));
	check_str("client's peer", b.sun_path, "sock");
	blen = sizeof(b);
	server = accept(lfd, (struct sockaddr *)&b, &blen);
	check_ok("accept", server);
	check_int("accepted peer is unnamed", blen, offsetof(struct sockaddr_un, sun_path));
	blen = sizeof(cred);
	check_ok("SO_PEERCRED", getsockopt(server, SOL_SOCKET, SO_PEERCRED, &cred, &blen));
	check_int("peer pid", cred.pid, getpid());
	check_int("peer uid", cred.uid, getuid());
	check_int("send to server", send(client, "req", 3, 0), 3);
	check_int("server reads", recv(server, buf, sizeof(buf), 0), 3);
	close(client);
	check_int("server sees end of file", recv(server, buf, sizeof(buf), 0), 0);
	close(server);
	close(lfd);
	close(other);
	check_ok("unlink socket file", unlink("sock"));

	/* The abstract name space: a leading NUL, no file. */
	alen = unix_addr(&a, "\0tessera-abi-abstract", 21);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	check_ok("bind abstract", bind(lfd, (struct sockaddr *)&a, alen));
	other = socket(AF_UNIX, SOCK_STREAM, 0);
	check_errno("abstract name in use", bind(other, (struct sockaddr *)&a, alen), EADDRINUSE);
	close(other);
	listen(lfd, 1);
	blen = sizeof(b);
	getsockname(lfd, (struct sockaddr *)&b, &blen);
	check_int("abstract name length", blen, alen);
	client = socket(AF_UNIX, SOCK_STREAM, 0);
	check_ok("connect abstract", connect(client, (struct sockaddr *)&a, alen));
	server = accept(lfd, NULL, NULL);
	check_ok("accept abstract", server);
	close(server);
	close(client);
	close(lfd);

	other = socket(AF_UNIX, SOCK_STREAM, 0);
	alen = unix_addr(&a, "missing", 8);
	check_errno("connect missing path", connect(other, (struct sockaddr *)&a, alen), ENOENT);
	make_file("plain", "x", 1);
	alen = unix_addr(&a, "plain", 6);
	check_errno("connect regular file", connect(other, (struct sockaddr *)&a, alen),
		    ECONNREFUSED);
	check_errno("listen unbound", listen(other, 1), EINVAL);
	close(other);
	unlink("plain");
}

static void datagrams(void)
{
	struct sockaddr_un a, b, from;
	socklen_t alen = unix_addr(&a, "rx", 3), blen = unix_addr(&b, "tx", 3), flen;
	int rx = socket(AF_UNIX, SOCK_DGRAM, 0), tx = socket(AF_UNIX, SOCK_DGRAM, 0);
	int stream = socket(AF_UNIX, SOCK_STREAM, 0);
	char buf[16];

	check_ok("bind rx", bind(rx, (struct sockaddr *)&a, alen));
	check_ok("bind tx", bind(tx, (struct sockaddr *)&b, blen));
	check_errno("send unconnected", send(tx, "x", 1, 0), ENOTCONN);
	check_int("sendto path", sendto(tx, "ping", 4, 0, (struct sockaddr *)&a, alen), 4);
	flen = sizeof(from);
	check_int("recvfrom", recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen), 4);
	check_int("source length", flen, blen);
	check_str("source path", from.sun_path, "tx");
	check_ok("connect dgram", connect(tx, (struct sockaddr *)&a, alen));
	check_int("send connected", send(tx, "pong", 4, 0), 4);
	check_int("recv connected", recv(rx, buf, sizeof(buf), 0), 4);
	check_errno("connect stream to dgram", connect(stream, (struct sockaddr *)&a, alen),
		    EPROTOTYPE);
	close(rx);
	check_errno("send to closed peer", send(tx, "x", 1, 0), ECONNREFUSED);
	close(tx);
	close(stream);
	unlink("rx");
	unlink("tx");
}

/* A non-blocking stream fills up, then drains. */
static void full_stream(void)
{
	static char chunk[4096];
	int sv[2];
	long sent = 0, got = 0;
	ssize_t n;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	while ((n = send(sv[0], chunk, sizeof(chunk), 0)) > 0)
		sent += n;
	check_errno("full stream", n, EAGAIN);
	check_true("some data fitted", sent > 0);
	check_int("not writable when full", revents(sv[0], POLLOUT, 0) & POLLOUT, 0);
	while ((n = recv(sv[1], chunk, sizeof(chunk), 0)) > 0)
		got += n;
	check_int("everything read", got, sent);
	check_int("writable again", revents(sv[0], POLLOUT, 0) & POLLOUT, POLLOUT);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	abi_begin("unix");
	pairs();
	rights();
	names();
	datagrams();
	full_stream();
	return abi_end();
}
