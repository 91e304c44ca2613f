// SPDX-License-Identifier: MIT
/*
 * UDP over the loopback interface: bind and the implicit bind of a first
 * send, sendto/recvfrom with source addresses, connect and send/recv,
 * MSG_TRUNC and MSG_PEEK, FIONREAD (the next datagram's size), datagram
 * boundaries, sendmmsg/recvmmsg, EDESTADDRREQ, EMSGSIZE, IPv6 and
 * poll readiness.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "abi.h"

#define POLL_MS 10000

static int bound_socket(void)
{
	struct sockaddr_in a = abi_loopback(0);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	bind(fd, (struct sockaddr *)&a, sizeof(a));
	return fd;
}

static short wait_for(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, POLL_MS) == 1 ? p.revents : 0;
}

int main(void)
{
	int rx = bound_socket(), tx = socket(AF_INET, SOCK_DGRAM, 0), n = -1, type = 0;
	struct sockaddr_in to = abi_loopback(abi_port_of(rx)), from;
	socklen_t len = sizeof(type);
	char buf[64];
	struct pollfd p = {.fd = tx, .events = POLLOUT};

	abi_begin("udp");
	check_ok("getsockopt SO_TYPE", getsockopt(rx, SOL_SOCKET, SO_TYPE, &type, &len));
	check_int("SO_TYPE", type, SOCK_DGRAM);
	check_int("unbound port", abi_port_of(tx), 0);
	check_int("writable", poll(&p, 1, 0), 1);
	check_errno("send unconnected", send(tx, "x", 1, 0), EDESTADDRREQ);
	check_errno("recv empty", recv(rx, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	check_int("sendto", sendto(tx, "first", 5, 0, (struct sockaddr *)&to, sizeof(to)), 5);
	check_true("sendto bound the sender", abi_port_of(tx) != 0);
	check_int("sendto again", sendto(tx, "second!", 7, 0, (struct sockaddr *)&to, sizeof(to)), 7);
	check_int("poll readable", wait_for(rx), POLLIN);
	check_ok("FIONREAD", ioctl(rx, FIONREAD, &n));
	check_int("FIONREAD is the next datagram", n, 5);
	len = sizeof(from);
	check_int("recvfrom", recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len), 5);
	check_mem("datagram", buf, "first", 5);
	check_int("source length", len, sizeof(from));
	check_int("source port", ntohs(from.sin_port), abi_port_of(tx));
	check_int("source address", ntohl(from.sin_addr.s_addr), INADDR_LOOPBACK);
	wait_for(rx);
	check_int("MSG_PEEK", recv(rx, buf, 3, MSG_PEEK), 3);
	check_int("MSG_TRUNC full length", recv(rx, buf, 3, MSG_TRUNC), 7);
	check_mem("truncated datagram", buf, "sec", 3);
	check_errno("nothing left", recv(rx, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);

	check_ok("connect", connect(tx, (struct sockaddr *)&to, sizeof(to)));
	check_int("send connected", send(tx, "third", 5, 0), 5);
	wait_for(rx);
	{
		char small[2];
		struct iovec iov = {small, sizeof(small)};
		struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};

		check_int("recvmsg truncated", recvmsg(rx, &msg, 0), 2);
		check_true("MSG_TRUNC flag", msg.msg_flags & MSG_TRUNC);
	}
	{
		struct mmsghdr out[3], in[3];
		struct iovec oiov[3] = {{"one", 3}, {"two", 3}, {"three", 5}}, iiov[3];
		char bufs[3][16];

		memset(out, 0, sizeof(out));
		memset(in, 0, sizeof(in));
		for (int i = 0; i < 3; i++) {
			out[i].msg_hdr.msg_iov = &oiov[i];
			out[i].msg_hdr.msg_iovlen = 1;
			iiov[i] = (struct iovec){bufs[i], sizeof(bufs[i])};
			in[i].msg_hdr.msg_iov = &iiov[i];
			in[i].msg_hdr.msg_iovlen = 1;
		}
		check_int("sendmmsg", sendmmsg(tx, out, 3, 0), 3);
		check_int("sendmmsg lengths", out[0].msg_len + out[1].msg_len + out[2].msg_len, 11);
		wait_for(rx);
		n = 0;
		for (int tries = 0; n < 3 && tries < 100; tries++) {
			int got = recvmmsg(rx, in + n, 3 - n, MSG_DONTWAIT, NULL);

			if (got > 0)
				n += got;
			else
				wait_for(rx);
		}
		check_int("recvmmsg", n, 3);
		check_int("recvmmsg lengths", in[0].msg_len + in[1].msg_len + in[2].msg_len, 11);
		check_mem("recvmmsg third", bufs[2], "three", 5);
	}
	{
		static char big[70000];

		check_errno("datagram too large", send(tx, big, sizeof(big), 0), EMSGSIZE);
	}
	close(tx);
	close(rx);

	{
		struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
		struct sockaddr_in6 src;
		int r6 = socket(AF_INET6, SOCK_DGRAM, 0), t6 = socket(AF_INET6, SOCK_DGRAM, 0);

		len = sizeof(a);
		check_ok("bind v6", bind(r6, (struct sockaddr *)&a, sizeof(a)));
		getsockname(r6, (struct sockaddr *)&a, &len);
		check_int("sendto v6", sendto(t6, "v6", 2, 0, (struct sockaddr *)&a, sizeof(a)), 2);
		wait_for(r6);
		len = sizeof(src);
		check_int("recvfrom v6", recvfrom(r6, buf, sizeof(buf), 0, (struct sockaddr *)&src, &len),
			  2);
		inet_ntop(AF_INET6, &src.sin6_addr, buf, sizeof(buf));
		check_str("v6 source", buf, "::1");
		close(r6);
		close(t6);
	}
	return abi_end();
}
