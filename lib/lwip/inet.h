/*
 * AF_INET and AF_INET6 sockets over lwIP's raw API (what sock_*.c share).
 *
 * Locking: every lwIP call and every change of a socket's state happens
 * under lwIP's core lock; lwIP's callbacks run with it held.  A call that
 * must wait drops the lock with interrupts off and sleeps on the socket's
 * wait queue (inet_wait), so no wake-up is lost in between (one CPU).  poll
 * takes no lock: it reads flags that the callbacks keep up to date.
 */
#ifndef TESSERA_LWIP_INET_H
#define TESSERA_LWIP_INET_H

#include <tessera/socket.h>
#include "lwip/ip_addr.h"

struct inet_sock {
	struct socket *sock;
	bool v6only;
	/* The bound or last local address, kept for getsockname after the pcb is gone. */
	ip_addr_t local_ip;
	u16_t local_port;
};

/* The sock's inet part (the first member of each protocol's socket). */
static inline struct inet_sock *inet_sk(struct socket *s)
{
	return s->priv;
}

/*
 * Sleep on s's wait queue until woken, the deadline (0: none) or an
 * interruption: 0, -EAGAIN, -ERESTARTSYS or -EINTR (socket_wait).  Core lock held.
 */
int inet_wait(struct socket *s, uint64_t deadline);

/* An application's address for socket s: address and port.  -EINVAL, -EAFNOSUPPORT. */
int inet_addr_in(struct socket *s, const struct sock_addr *addr, int len, ip_addr_t *ip,
		 u16_t *port);
/* ip:port as s's family shows it (IPv4 on an AF_INET6 socket: ::ffff:a.b.c.d); its length. */
int inet_addr_out(struct socket *s, const ip_addr_t *ip, u16_t port, struct sock_addr *addr);
/* Whether ip belongs to an interface (or is a wildcard): bind's -EADDRNOTAVAIL. */
bool inet_addr_is_local(const ip_addr_t *ip);
/* bind's checks: the address parsed, local, and s not bound yet. */
int inet_bind_address(struct socket *s, const struct sock_addr *addr, int len, ip_addr_t *ip,
		      u16_t *port);
/* The wildcard address for binding s (dual-stack unless v6only). */
void inet_addr_any(struct socket *s, ip_addr_t *ip);

/* IPPROTO_IP/IPV6 options. */
int inet_setsockopt_ip(struct socket *s, int level, int name, const void *val, int len);
int inet_getsockopt_ip(struct socket *s, int level, int name, void *val, int *len);
/* Interface ioctls (SIOCGIFCONF, ...), which Linux answers on sockets of any family. */
long inet_ioctl_if(unsigned int cmd, unsigned long arg);

/* The protocols. */
int inet_tcp_create(struct socket *s);
int inet_udp_create(struct socket *s);

/* Interface names as Linux gives them: lo, eth0, ... */
const char *lwip_port_ifname(const struct netif *netif);

#endif
