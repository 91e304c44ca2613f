// SPDX-License-Identifier: MIT
/*
 * TCP over the loopback interface, client and server in one process (as the
 * suite runs where a child cannot run beside its parent): socket, bind,
 * listen (and its implicit bind), connect (blocking and non-blocking with
 * EINPROGRESS, to a listener and to a closed port), accept/accept4 and
 * their flags, getsockname/getpeername, send/recv/sendmsg/recvmsg with
 * MSG_PEEK, MSG_DONTWAIT and MSG_WAITALL, shutdown and end of file,
 * FIONREAD, socket options with Linux's rules, error numbers, IPv6 and a
 * dual-stack listener, a poll-driven server for several clients, an
 * edge-triggered epoll server (as nginx's) and what an edge means on a
 * socket, a 1 MiB transfer through non-blocking sockets, and the loopback
 * interface through SIOCGIFCONF, SIOCGIFFLAGS and SIOCGIFINDEX.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "abi.h"

#define POLL_MS 10000

/* A listener on 127.0.0.1 at an ephemeral port. */
static int listener(int backlog)
{
	struct sockaddr_in a = abi_loopback(0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, backlog))
		return -1;
	return fd;
}

static int connect_to(unsigned short port)
{
	struct sockaddr_in a = abi_loopback(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	return fd;
}

/* A port nothing listens on: bound once, then released. */
static unsigned short closed_port(void)
{
	struct sockaddr_in a = abi_loopback(0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	unsigned short port;

	bind(fd, (struct sockaddr *)&a, sizeof(a));
	port = abi_port_of(fd);
	close(fd);
	return port;
}

static short wait_for(int fd, short events)
{
	struct pollfd p = {.fd = fd, .events = events};

	return poll(&p, 1, POLL_MS) == 1 ? p.revents : 0;
}

static int int_option(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	return getsockopt(fd, level, name, &v, &len) ? -errno : v;
}

static void basics(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	struct stat st;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	check_ok("socket", fd);
	check_ok("fstat socket", fstat(fd, &st));
	check_true("socket is S_IFSOCK", S_ISSOCK(st.st_mode));
	check_ok("getsockname unbound", getsockname(fd, (struct sockaddr *)&a, &len));
	check_int("unbound family", a.sin_family, AF_INET);
	check_int("unbound port", a.sin_port, 0);
	check_int("unbound address length", len, sizeof(a));
	check_errno("getpeername unconnected", getpeername(fd, (struct sockaddr *)&a, &len), ENOTCONN);
	check_errno("recv unconnected", recv(fd, &a, 1, MSG_DONTWAIT), ENOTCONN);
	check_errno("send unconnected", send(fd, "x", 1, MSG_NOSIGNAL), EPIPE);
	check_errno("shutdown unconnected", shutdown(fd, SHUT_RDWR), ENOTCONN);
	check_errno("shutdown bad how", shutdown(fd, 7), EINVAL);
	a = abi_loopback(0);
	a.sin_addr.s_addr = inet_addr("192.0.2.1");
	check_errno("bind foreign address", bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRNOTAVAIL);
	a = abi_loopback(0);
	check_errno("bind short address", bind(fd, (struct sockaddr *)&a, 8), EINVAL);
	a.sin_family = AF_INET6;
	check_errno("bind wrong family", bind(fd, (struct sockaddr *)&a, sizeof(a)), EAFNOSUPPORT);
	a = abi_loopback(0);
	check_ok("bind", bind(fd, (struct sockaddr *)&a, sizeof(a)));
	check_true("bound to a port", abi_port_of(fd) != 0);
	check_errno("bind twice", bind(fd, (struct sockaddr *)&a, sizeof(a)), EINVAL);
	close(fd);

	check_errno("socket bad family", socket(4242, SOCK_STREAM, 0), EAFNOSUPPORT);
	check_errno("socket bad protocol", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT);
	check_errno("socket bad type flags", socket(AF_INET, SOCK_STREAM | 0x1000, 0), EINVAL);
	check_errno("socketpair AF_INET", socketpair(AF_INET, SOCK_STREAM, 0, (int[2]){0}), EOPNOTSUPP);
	check_errno("bind on a pipe", bind(0 * 0 + STDIN_FILENO, (struct sockaddr *)&a, sizeof(a)),
		    ENOTSOCK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	check_int("SOCK_NONBLOCK", fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	check_int("SOCK_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
}

static void options(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, v;
	struct linger lg = {1, 5}, lg_out;
	struct timeval tv = {2, 0}, tv_out;
	socklen_t len;

	check_int("SO_TYPE", int_option(fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	check_int("SO_DOMAIN", int_option(fd, SOL_SOCKET, SO_DOMAIN), AF_INET);
	check_int("SO_PROTOCOL", int_option(fd, SOL_SOCKET, SO_PROTOCOL), IPPROTO_TCP);
	check_int("SO_ERROR", int_option(fd, SOL_SOCKET, SO_ERROR), 0);
	check_int("SO_ACCEPTCONN", int_option(fd, SOL_SOCKET, SO_ACCEPTCONN), 0);
	check_int("SO_REUSEADDR default", int_option(fd, SOL_SOCKET, SO_REUSEADDR), 0);
	check_ok("set SO_REUSEADDR", setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	check_int("SO_REUSEADDR", int_option(fd, SOL_SOCKET, SO_REUSEADDR), 1);
	check_ok("set SO_REUSEPORT", setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)));
	check_int("SO_REUSEPORT", int_option(fd, SOL_SOCKET, SO_REUSEPORT), 1);
	check_ok("set SO_KEEPALIVE", setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)));
	check_int("SO_KEEPALIVE", int_option(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	v = 65536;
	check_ok("set SO_RCVBUF", setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
	check_int("SO_RCVBUF doubled", int_option(fd, SOL_SOCKET, SO_RCVBUF), 131072);
	v = 8192;
	check_ok("set SO_SNDBUF", setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	check_int("SO_SNDBUF doubled", int_option(fd, SOL_SOCKET, SO_SNDBUF), 16384);
	v = 1;
	check_ok("set tiny SO_SNDBUF", setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	check_int("SO_SNDBUF minimum", int_option(fd, SOL_SOCKET, SO_SNDBUF), 4608);
	check_ok("set SO_LINGER", setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	len = sizeof(lg_out);
	check_ok("get SO_LINGER", getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg_out, &len));
	check_true("SO_LINGER round trip", lg_out.l_onoff == 1 && lg_out.l_linger == 5 &&
						    len == sizeof(lg_out));
	check_ok("set SO_RCVTIMEO", setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	len = sizeof(tv_out);
	check_ok("get SO_RCVTIMEO", getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv_out, &len));
	check_true("SO_RCVTIMEO round trip", tv_out.tv_sec == 2 && tv_out.tv_usec == 0);
	tv.tv_usec = 1000000;
	check_errno("SO_SNDTIMEO bad usec", setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)),
		    EDOM);
	check_errno("SO_KEEPALIVE short value", setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, 2),
		    EINVAL);
	check_errno("unknown SOL_SOCKET option", setsockopt(fd, SOL_SOCKET, 4242, &one, sizeof(one)),
		    ENOPROTOOPT);
	check_errno("unknown TCP option", setsockopt(fd, IPPROTO_TCP, 4242, &one, sizeof(one)),
		    ENOPROTOOPT);
	check_int("TCP_NODELAY default", int_option(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	check_ok("set TCP_NODELAY", setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
	check_int("TCP_NODELAY", int_option(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	check_int("TCP_KEEPIDLE default", int_option(fd, IPPROTO_TCP, TCP_KEEPIDLE), 7200);
	check_int("TCP_KEEPINTVL default", int_option(fd, IPPROTO_TCP, TCP_KEEPINTVL), 75);
	check_int("TCP_KEEPCNT default", int_option(fd, IPPROTO_TCP, TCP_KEEPCNT), 9);
	v = 30;
	check_ok("set TCP_KEEPIDLE", setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)));
	check_int("TCP_KEEPIDLE", int_option(fd, IPPROTO_TCP, TCP_KEEPIDLE), 30);
	v = 0;
	check_errno("TCP_KEEPINTVL 0", setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &v, sizeof(v)),
		    EINVAL);
	v = 4;
	check_ok("set TCP_KEEPCNT", setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof(v)));
	check_int("TCP_KEEPCNT", int_option(fd, IPPROTO_TCP, TCP_KEEPCNT), 4);
	check_ok("set TCP_CORK", setsockopt(fd, IPPROTO_TCP, TCP_CORK, &one, sizeof(one)));
	check_int("TCP_CORK", int_option(fd, IPPROTO_TCP, TCP_CORK), 1);
	close(fd);
}

/* Connect a client to a listener and accept it: the three descriptors. */
static void connected_pair(int *lfd, int *client, int *server)
{
	*lfd = listener(8);
	*client = connect_to(abi_port_of(*lfd));
	*server = accept(*lfd, NULL, NULL);
}

static void conversation(void)
{
	struct sockaddr_in a, b;
	socklen_t alen = sizeof(a), blen = sizeof(b);
	char buf[64], more[8];
	struct iovec iov[2] = {{buf, 3}, {more, sizeof(more)}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
	int lfd = listener(8), client, server, n = -1, unbound;

	check_ok("listen", lfd);
	check_int("SO_ACCEPTCONN listening", int_option(lfd, SOL_SOCKET, SO_ACCEPTCONN), 1);
	unbound = socket(AF_INET, SOCK_STREAM, 0);
	check_ok("listen unbound", listen(unbound, 1));
	check_true("listen picked a port", abi_port_of(unbound) != 0);
	close(unbound);
	a = abi_loopback(abi_port_of(lfd));
	unbound = socket(AF_INET, SOCK_STREAM, 0);
	check_errno("bind port in use", bind(unbound, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	close(unbound);

	client = connect_to(abi_port_of(lfd));
	check_ok("connect", client);
	check_errno("connect again", connect(client, (struct sockaddr *)&a, sizeof(a)), EISCONN);
	check_errno("listen on connected", listen(client, 1), EINVAL);
	/* Raw: musl's accept4 falls back to accept on EINVAL. */
	check_errno("accept4 bad flags", syscall(SYS_accept4, lfd, NULL, NULL, 0x1234), EINVAL);
	server = accept4(lfd, (struct sockaddr *)&a, &alen, SOCK_CLOEXEC | SOCK_NONBLOCK);
	check_ok("accept4", server);
	check_int("accept4 SOCK_CLOEXEC", fcntl(server, F_GETFD), FD_CLOEXEC);
	check_int("accept4 SOCK_NONBLOCK", fcntl(server, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	check_int("accepted address length", alen, sizeof(a));
	check_ok("getsockname client", getsockname(client, (struct sockaddr *)&b, &blen));
	check_true("accept reports the client", a.sin_port == b.sin_port &&
							a.sin_addr.s_addr == b.sin_addr.s_addr);
	blen = sizeof(b);
	check_ok("getpeername client", getpeername(client, (struct sockaddr *)&b, &blen));
	check_int("peer is the listener's port", ntohs(b.sin_port), abi_port_of(lfd));
	check_int("peer address", ntohl(b.sin_addr.s_addr), INADDR_LOOPBACK);
	alen = 4;
	check_ok("getpeername truncated", getpeername(client, (struct sockaddr *)&b, &alen));
	check_int("truncated length is the full length", alen, sizeof(b));

	check_errno("recv would block", recv(server, buf, sizeof(buf), 0), EAGAIN);
	fcntl(server, F_SETFL, 0); /* blocking from here on: loopback delivery takes time */
	check_errno("MSG_DONTWAIT", recv(client, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	check_int("send", send(client, "hello world", 11, 0), 11);
	check_int("poll readable", wait_for(server, POLLIN), POLLIN);
	check_ok("FIONREAD", ioctl(server, FIONREAD, &n));
	check_int("FIONREAD bytes", n, 11);
	check_int("MSG_PEEK", recv(server, buf, 5, MSG_PEEK), 5);
	check_mem("peeked data", buf, "hello", 5);
	check_int("recvmsg into two buffers", recvmsg(server, &msg, 0), 11);
	check_mem("first buffer", buf, "hel", 3);
	check_mem("second buffer", more, "lo world", 8);
	check_int("write", write(server, "pong", 4), 4);
	check_int("read", read(client, buf, sizeof(buf)), 4);
	check_mem("read data", buf, "pong", 4);
	iov[0] = (struct iovec){"ab", 2};
	iov[1] = (struct iovec){"cdef", 4};
	check_int("sendmsg", sendmsg(client, &msg, 0), 6);
	check_int("MSG_WAITALL", recv(server, buf, 6, MSG_WAITALL), 6);
	check_mem("gathered data", buf, "abcdef", 6);
	check_int("writev", writev(server, iov, 2), 6);
	check_int("recvfrom", recvfrom(client, buf, 6, MSG_WAITALL, NULL, NULL), 6);

	check_ok("shutdown write", shutdown(client, SHUT_WR));
	check_int("poll end of file", wait_for(server, POLLIN) & (POLLIN | POLLRDHUP), POLLIN);
	check_int("end of file", recv(server, buf, sizeof(buf), 0), 0);
	check_errno("send after shutdown", send(client, "x", 1, MSG_NOSIGNAL), EPIPE);
	check_int("other direction still open", send(server, "late", 4, 0), 4);
	check_int("late data", recv(client, buf, 4, MSG_WAITALL), 4);
	close(server);
	check_int("end of file after close", recv(client, buf, sizeof(buf), 0), 0);
	close(client);
	close(lfd);
}

static void refused_and_nonblocking(void)
{
	struct sockaddr_in a = abi_loopback(closed_port());
	int fd = socket(AF_INET, SOCK_STREAM, 0), lfd, server, r;
	short ev;

	check_errno("connect refused", connect(fd, (struct sockaddr *)&a, sizeof(a)), ECONNREFUSED);
	close(fd);

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	r = connect(fd, (struct sockaddr *)&a, sizeof(a));
	if (r < 0 && errno == EINPROGRESS) {
		ev = wait_for(fd, POLLOUT);
		check_int("non-blocking refused: poll", ev & (POLLOUT | POLLERR), POLLOUT | POLLERR);
		check_int("non-blocking refused: SO_ERROR", int_option(fd, SOL_SOCKET, SO_ERROR),
			  ECONNREFUSED);
	} else {
		check_errno("non-blocking refused: connect", r, EINPROGRESS);
	}
	check_int("SO_ERROR cleared", int_option(fd, SOL_SOCKET, SO_ERROR), 0);
	close(fd);

	lfd = listener(8);
	a = abi_loopback(abi_port_of(lfd));
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	check_errno("non-blocking connect", connect(fd, (struct sockaddr *)&a, sizeof(a)),
		    EINPROGRESS);
	check_int("connected: poll", wait_for(fd, POLLOUT), POLLOUT);
	check_int("connected: SO_ERROR", int_option(fd, SOL_SOCKET, SO_ERROR), 0);
	check_ok("connected: connect reports success", connect(fd, (struct sockaddr *)&a, sizeof(a)));
	check_errno("connected: connect again", connect(fd, (struct sockaddr *)&a, sizeof(a)),
		    EISCONN);
	check_int("listener readable", wait_for(lfd, POLLIN), POLLIN);
	server = accept(lfd, NULL, NULL);
	check_ok("accept after non-blocking connect", server);
	close(server);
	close(fd);
	close(lfd);
}

/* Reverse buf[0..n) in place. */
static void reverse(char *buf, ssize_t n)
{
	for (ssize_t k = 0; k < n / 2; k++) {
		char t = buf[k];

		buf[k] = buf[n - 1 - k];
		buf[n - 1 - k] = t;
	}
}

/* One thread serves several clients over poll: each sends a request and gets it back reversed. */
static void poll_server(void)
{
	enum { CLIENTS = 4 };
	int lfd = listener(CLIENTS), clients[CLIENTS], servers[CLIENTS], nservers = 0, replies = 0;
	struct sockaddr_in a = abi_loopback(abi_port_of(lfd));
	int sent[CLIENTS] = {0};
	char buf[32];

	fcntl(lfd, F_SETFL, O_NONBLOCK);
	for (int i = 0; i < CLIENTS; i++) {
		clients[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(clients[i], (struct sockaddr *)&a, sizeof(a));
	}
	for (int rounds = 0; replies < CLIENTS && rounds < 1000; rounds++) {
		struct pollfd p[1 + 2 * CLIENTS];
		int n = 0;

		p[n++] = (struct pollfd){.fd = lfd, .events = POLLIN};
		for (int i = 0; i < nservers; i++)
			p[n++] = (struct pollfd){.fd = servers[i], .events = POLLIN};
		for (int i = 0; i < CLIENTS; i++)
			p[n++] = (struct pollfd){.fd = clients[i], .events = sent[i] ? POLLIN : POLLOUT};
		if (poll(p, n, POLL_MS) <= 0)
			break;
		for (int i = 0; i < n; i++) {
			int c = i - 1 - nservers, s;
			ssize_t got;

			if (!p[i].revents)
				continue;
			if (i == 0) {
				while (nservers < CLIENTS && (s = accept(lfd, NULL, NULL)) >= 0)
					servers[nservers++] = s;
			} else if (c < 0) {
				got = recv(p[i].fd, buf, sizeof(buf), 0);
				reverse(buf, got);
				if (got > 0)
					send(p[i].fd, buf, got, 0);
			} else if (!sent[c]) {
				sent[c] = send(p[i].fd, "hello", 5, 0) == 5;
			} else if (recv(p[i].fd, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "olleh", 5)) {
				replies++;
			}
		}
	}
	check_int("poll server: connections", nservers, CLIENTS);
	check_int("poll server: replies", replies, CLIENTS);
	for (int i = 0; i < nservers; i++)
		close(servers[i]);
	for (int i = 0; i < CLIENTS; i++)
		close(clients[i]);
	close(lfd);
}

static void watch(int ep, int fd, unsigned int events)
{
	struct epoll_event ev = {.events = events, .data.fd = fd};

	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* Read fd until EAGAIN (an edge is reported once): bytes read, -1 at end of file. */
static ssize_t drain(int fd, char *buf, size_t size)
{
	ssize_t got = 0, n;
	char rest[64];

	while ((n = recv(fd, got < (ssize_t)size ? buf + got : rest,
			 got < (ssize_t)size ? size - got : sizeof(rest), 0)) > 0)
		got += n;
	return n == 0 ? -1 : got;
}

/*
 * One thread serves several clients over an edge-triggered epoll instance,
 * as nginx does: non-blocking connects completing as EPOLLOUT, the pending
 * connections announced once and accepted until EAGAIN, requests arriving
 * in pieces read until EAGAIN, each answered reversed.
 */
static void epoll_edge_server(void)
{
	enum { CLIENTS = 4 };
	int lfd = listener(CLIENTS), ep = epoll_create1(0), clients[CLIENTS], connected = 0;
	int accepted = 0, replies = 0, accept_errors = 0, s;
	struct sockaddr_in a = abi_loopback(abi_port_of(lfd));
	struct {
		int fd;
		char req[8];
		ssize_t len;
	} conns[CLIENTS];
	struct epoll_event evs[8];
	char buf[16];

	fcntl(lfd, F_SETFL, O_NONBLOCK);
	watch(ep, lfd, EPOLLIN | EPOLLET);
	for (int i = 0; i < CLIENTS; i++) {
		clients[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(clients[i], (struct sockaddr *)&a, sizeof(a));
		watch(ep, clients[i], EPOLLOUT | EPOLLET);
	}
	for (int rounds = 0; replies < CLIENTS && rounds < 1000; rounds++) {
		int n = epoll_wait(ep, evs, 8, POLL_MS);

		if (n <= 0)
			break;
		for (int k = 0; k < n; k++) {
			int fd = evs[k].data.fd, c, i;
			struct epoll_event in = {.events = EPOLLIN | EPOLLET, .data.fd = fd};

			for (c = 0; c < CLIENTS && clients[c] != fd; c++)
				;
			for (i = 0; i < accepted && conns[i].fd != fd; i++)
				;
			if (fd == lfd) {
				while (accepted < CLIENTS &&
				       (s = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					conns[accepted++] = (typeof(conns[0])){.fd = s};
					watch(ep, s, EPOLLIN | EPOLLRDHUP | EPOLLET);
				}
				if (accept(lfd, NULL, NULL) >= 0 || errno != EAGAIN)
					accept_errors++;
			} else if (c < CLIENTS && (evs[k].events & EPOLLOUT)) {
				/* Connected: the request goes in two pieces, the reply is awaited. */
				connected++;
				send(fd, "hel", 3, 0);
				send(fd, "lo", 2, 0);
				epoll_ctl(ep, EPOLL_CTL_MOD, fd, &in);
			} else if (c < CLIENTS) {
				replies += recv(fd, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "olleh", 5);
			} else if (i < accepted) {
				conns[i].len += drain(fd, conns[i].req + conns[i].len, 5 - conns[i].len);
				if (conns[i].len == 5) {
					reverse(conns[i].req, 5);
					send(fd, conns[i].req, 5, 0);
				}
			}
		}
	}
	check_int("edge: connects completed", connected, CLIENTS);
	check_int("edge: connections accepted", accepted, CLIENTS);
	check_int("edge: then EAGAIN", accept_errors, 0);
	check_int("edge: replies", replies, CLIENTS);
	check_int("edge: nothing left", epoll_wait(ep, evs, 8, 0), 0);
	for (int i = 0; i < CLIENTS; i++)
		close(clients[i]);
	for (int i = 0; i < accepted; i++)
		close(conns[i].fd);
	close(ep);
	close(lfd);
}

/*
 * An edge on a socket: reported once until something new arrives (unread
 * data left behind does not count), again for the next data, and for the
 * peer's shutdown with EPOLLRDHUP; EPOLLOUT again once a full send buffer
 * has drained.
 */
static void epoll_edges(void)
{
	static char big[1 << 20];
	struct epoll_event ev;
	int lfd, client, server, ep = epoll_create1(0), n;
	size_t queued = 0, read_back = 0;
	char buf[16];
	ssize_t r;

	connected_pair(&lfd, &client, &server);
	fcntl(server, F_SETFL, O_NONBLOCK);
	watch(ep, server, EPOLLIN | EPOLLRDHUP | EPOLLET);
	send(client, "0123456789", 10, 0);
	check_int("edge: data", epoll_wait(ep, &ev, 1, POLL_MS), 1);
	check_int("edge: data events", ev.events, EPOLLIN);
	check_int("edge: part of it read", recv(server, buf, 4, 0), 4);
	check_int("edge: no new edge for what is left", epoll_wait(ep, &ev, 1, 0), 0);
	send(client, "ab", 2, 0);
	check_int("edge: more data", epoll_wait(ep, &ev, 1, POLL_MS), 1);
	check_int("edge: all of it", drain(server, buf, sizeof(buf)), 8);
	shutdown(client, SHUT_WR);
	check_int("edge: peer shut down", epoll_wait(ep, &ev, 1, POLL_MS), 1);
	check_int("edge: shutdown events", ev.events, EPOLLIN | EPOLLRDHUP);
	check_int("edge: end of file", drain(server, buf, sizeof(buf)), -1);

	ev = (struct epoll_event){.events = EPOLLOUT | EPOLLET, .data.fd = server};
	epoll_ctl(ep, EPOLL_CTL_MOD, server, &ev);
	check_int("edge: writable", epoll_wait(ep, &ev, 1, POLL_MS), 1);
	check_int("edge: writable once", epoll_wait(ep, &ev, 1, 0), 0);
	while ((r = send(server, big, sizeof(big), 0)) > 0)
		queued += r;
	check_errno("edge: send buffer full", r, EAGAIN);
	while (read_back < queued && (r = recv(client, big, sizeof(big), 0)) > 0)
		read_back += r;
	check_int("edge: everything read", read_back == queued, 1);
	n = epoll_wait(ep, &ev, 1, POLL_MS);
	check_int("edge: writable again once drained", n == 1 && ev.events == EPOLLOUT, 1);
	close(ep);
	close(client);
	close(server);
	close(lfd);
}

/* 1 MiB from client to server through non-blocking sockets, driven by poll. */
static void bulk_transfer(void)
{
	enum { TOTAL = 1 << 20 };
	static char out[TOTAL], in[TOTAL];
	size_t sent = 0, got = 0;
	int lfd, client, server;

	for (size_t i = 0; i < TOTAL; i++)
		out[i] = (char)(i * 7 + i / 4096);
	connected_pair(&lfd, &client, &server);
	fcntl(client, F_SETFL, O_NONBLOCK);
	fcntl(server, F_SETFL, O_NONBLOCK);
	while (got < TOTAL) {
		struct pollfd p[2] = {{.fd = client, .events = sent < TOTAL ? POLLOUT : 0},
				      {.fd = server, .events = POLLIN}};
		ssize_t n;

		if (poll(p, 2, POLL_MS) <= 0)
			break;
		if (p[0].revents & POLLOUT) {
			n = send(client, out + sent, TOTAL - sent, 0);
			if (n > 0)
				sent += n;
			if (sent == TOTAL)
				shutdown(client, SHUT_WR);
		}
		if (p[1].revents & POLLIN) {
			n = recv(server, in + got, TOTAL - got, 0);
			if (n <= 0)
				break;
			got += n;
		}
	}
	check_int("bulk: bytes received", got, TOTAL);
	check_true("bulk: data intact", !memcmp(in, out, TOTAL));
	check_int("bulk: end of file", wait_for(server, POLLIN) & POLLIN, POLLIN);
	check_int("bulk: nothing more", recv(server, in, 1, 0), 0);
	close(client);
	close(server);
	close(lfd);
}

/* Unread data makes close reset the connection, as Linux does. */
static void reset_on_unread_close(void)
{
	int lfd, client, server;
	char buf[8];

	connected_pair(&lfd, &client, &server);
	check_int("send before reset", send(client, "unread", 6, 0), 6);
	check_int("data arrived", wait_for(server, POLLIN) & POLLIN, POLLIN);
	close(server);
	check_int("reset seen by poll", wait_for(client, POLLIN) & POLLIN, POLLIN);
	check_errno("recv after reset", recv(client, buf, sizeof(buf), 0), ECONNRESET);
	close(client);
	close(lfd);
}

static void ipv6(void)
{
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	struct sockaddr_in v4;
	struct sockaddr_in6 peer;
	socklen_t len = sizeof(a);
	char text[INET6_ADDRSTRLEN];
	int lfd = socket(AF_INET6, SOCK_STREAM, 0), client, server, zero = 0, one = 1;

	check_int("IPV6_V6ONLY default", int_option(lfd, IPPROTO_IPV6, IPV6_V6ONLY), 0);
	check_ok("bind ::1", bind(lfd, (struct sockaddr *)&a, sizeof(a)));
	check_ok("listen v6", listen(lfd, 4));
	check_ok("getsockname v6", getsockname(lfd, (struct sockaddr *)&a, &len));
	check_int("v6 address length", len, sizeof(a));
	client = socket(AF_INET6, SOCK_STREAM, 0);
	check_ok("connect ::1", connect(client, (struct sockaddr *)&a, sizeof(a)));
	server = accept(lfd, NULL, NULL);
	check_ok("accept v6", server);
	check_int("send v6", send(client, "six", 3, 0), 3);
	check_int("recv v6", recv(server, text, 3, MSG_WAITALL), 3);
	close(client);
	close(server);
	close(lfd);

	/* A dual-stack listener takes IPv4 clients, seen as IPv4-mapped addresses. */
	lfd = socket(AF_INET6, SOCK_STREAM, 0);
	a = (struct sockaddr_in6){.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT};
	setsockopt(lfd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	check_ok("bind ::", bind(lfd, (struct sockaddr *)&a, sizeof(a)));
	check_errno("IPV6_V6ONLY after bind", setsockopt(lfd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
							 sizeof(one)), EINVAL);
	check_ok("listen dual-stack", listen(lfd, 4));
	len = sizeof(a);
	getsockname(lfd, (struct sockaddr *)&a, &len);
	v4 = abi_loopback(ntohs(a.sin6_port));
	client = socket(AF_INET, SOCK_STREAM, 0);
	check_ok("IPv4 client to dual-stack", connect(client, (struct sockaddr *)&v4, sizeof(v4)));
	len = sizeof(peer);
	server = accept(lfd, (struct sockaddr *)&peer, &len);
	check_ok("accept IPv4 on dual-stack", server);
	check_int("mapped peer family", peer.sin6_family, AF_INET6);
	inet_ntop(AF_INET6, &peer.sin6_addr, text, sizeof(text));
	check_str("mapped peer address", text, "::ffff:127.0.0.1");
	close(client);
	close(server);
	close(lfd);

	lfd = socket(AF_INET6, SOCK_STREAM, 0);
	check_ok("set IPV6_V6ONLY", setsockopt(lfd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)));
	check_int("IPV6_V6ONLY", int_option(lfd, IPPROTO_IPV6, IPV6_V6ONLY), 1);
	close(lfd);
}

static void interfaces(void)
{
	struct ifreq reqs[16], r;
	struct ifconf conf = {.ifc_len = sizeof(reqs), .ifc_req = reqs};
	int fd = socket(AF_INET, SOCK_DGRAM, 0), found = 0;

	check_ok("SIOCGIFCONF", ioctl(fd, SIOCGIFCONF, &conf));
	for (size_t i = 0; i < conf.ifc_len / sizeof(struct ifreq); i++) {
		struct sockaddr_in *in = (struct sockaddr_in *)&reqs[i].ifr_addr;

		if (!strcmp(reqs[i].ifr_name, "lo"))
			found = ntohl(in->sin_addr.s_addr) == INADDR_LOOPBACK;
	}
	check_true("SIOCGIFCONF lists lo as 127.0.0.1", found);
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	check_ok("SIOCGIFFLAGS", ioctl(fd, SIOCGIFFLAGS, &r));
	check_int("lo is up and loopback", r.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING),
		  IFF_UP | IFF_LOOPBACK | IFF_RUNNING);
	check_ok("SIOCGIFINDEX", ioctl(fd, SIOCGIFINDEX, &r));
	check_int("lo index", r.ifr_ifindex, 1);
	check_int("if_nametoindex", if_nametoindex("lo"), 1);
	strcpy(r.ifr_name, "nosuch0");
	check_errno("SIOCGIFFLAGS unknown", ioctl(fd, SIOCGIFFLAGS, &r), ENODEV);
	close(fd);
}

int main(void)
{
	abi_begin("tcp");
	basics();
	options();
	conversation();
	refused_and_nonblocking();
	poll_server();
	epoll_edge_server();
	epoll_edges();
	bulk_transfer();
	reset_on_unread_close();
	ipv6();
	interfaces();
	return abi_end();
}
