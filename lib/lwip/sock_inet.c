/*
 * The AF_INET and AF_INET6 families: socket creation, addresses as the
 * application writes them, IP-level options, and interface ioctls.
 * Protocols: sock_tcp.c, sock_udp.c.
 */
#include <errno.h>
#include <string.h>
#include <tessera/arch/irq.h>
#include <tessera/boot.h>
#include <tessera/uaccess.h>
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "inet.h"

int inet_wait(struct socket *s, uint64_t deadline)
{
	irq_flags_t flags = irq_save();
	int err;

	UNLOCK_TCPIP_CORE();
	err = socket_wait(s, deadline);
	irq_restore(flags);
	LOCK_TCPIP_CORE();
	return err;
}

void inet_addr_any(struct socket *s, ip_addr_t *ip)
{
	if (s->family == AF_INET)
		ip_addr_copy(*ip, *IP4_ADDR_ANY);
	else if (inet_sk(s)->v6only)
		ip_addr_copy(*ip, *IP6_ADDR_ANY);
	else
		ip_addr_copy(*ip, *IP_ANY_TYPE);
}

static bool is_v4_mapped(const struct in6_addr *a)
{
	return !a->s6_addr32[0] && !a->s6_addr32[1] && a->s6_addr32[2] == lwip_htonl(0xffff);
}

int inet_addr_in(struct socket *s, const struct sock_addr *addr, int len, ip_addr_t *ip,
		 u16_t *port)
{
	if (s->family == AF_INET) {
		const struct sockaddr_in *in = (const void *)addr;

		if (len < (int)sizeof(*in))
			return -EINVAL;
		/* Linux takes AF_UNSPEC for the wildcard address, for old programs. */
		if (in->sin_family != AF_INET &&
		    !(in->sin_family == AF_UNSPEC && in->sin_addr.s_addr == 0))
			return -EAFNOSUPPORT;
		ip_addr_set_ip4_u32(ip, in->sin_addr.s_addr);
		*port = lwip_ntohs(in->sin_port);
		return 0;
	} else {
		const struct sockaddr_in6 *in6 = (const void *)addr;

		if (len < (int)sizeof(*in6))
			return -EINVAL;
		if (in6->sin6_family != AF_INET6)
			return -EAFNOSUPPORT;
		*port = lwip_ntohs(in6->sin6_port);
		if (is_v4_mapped(&in6->sin6_addr)) {
			if (inet_sk(s)->v6only)
				return -EINVAL;
			ip_addr_set_ip4_u32(ip, in6->sin6_addr.s6_addr32[3]);
			return 0;
		}
		IP_ADDR6(ip, in6->sin6_addr.s6_addr32[0], in6->sin6_addr.s6_addr32[1],
			 in6->sin6_addr.s6_addr32[2], in6->sin6_addr.s6_addr32[3]);
		ip6_addr_clear_zone(ip_2_ip6(ip));
		return 0;
	}
}

int inet_addr_out(struct socket *s, const ip_addr_t *ip, u16_t port, struct sock_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	if (s->family == AF_INET) {
		struct sockaddr_in *in = (void *)addr;

		in->sin_family = AF_INET;
		in->sin_port = lwip_htons(port);
		in->sin_addr.s_addr = IP_IS_V4(ip) ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
		return sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (void *)addr;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = lwip_htons(port);
		if (IP_IS_V4(ip) && !ip_addr_isany(ip)) {
			in6->sin6_addr.s6_addr32[2] = lwip_htonl(0xffff);
			in6->sin6_addr.s6_addr32[3] = ip4_addr_get_u32(ip_2_ip4(ip));
		} else if (IP_IS_V6(ip)) {
			memcpy(&in6->sin6_addr, ip_2_ip6(ip)->addr, 16);
		}
		return sizeof(*in6);
	}
}

bool inet_addr_is_local(const ip_addr_t *ip)
{
	struct netif *netif;

	if (ip_addr_isany(ip))
		return true;
	if (IP_IS_V4(ip) && ip4_addr_isloopback(ip_2_ip4(ip)))
		return true;
	NETIF_FOREACH(netif) {
		if (IP_IS_V4(ip) && ip4_addr_cmp(ip_2_ip4(ip), netif_ip4_addr(netif)))
			return true;
		if (IP_IS_V6(ip) && netif_get_ip6_addr_match(netif, ip_2_ip6(ip)) >= 0)
			return true;
	}
	return false;
}

int inet_bind_address(struct socket *s, const struct sock_addr *addr, int len, ip_addr_t *ip,
		      u16_t *port)
{
	int err = inet_addr_in(s, addr, len, ip, port);

	if (err)
		return err;
	LOCK_TCPIP_CORE();
	if (inet_sk(s)->local_port)
		err = -EINVAL; /* bound already */
	else if (!inet_addr_is_local(ip))
		err = -EADDRNOTAVAIL;
	UNLOCK_TCPIP_CORE();
	return err;
}

int inet_setsockopt_ip(struct socket *s, int level, int name, const void *val, int len)
{
	int v;

	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	if (level == SOL_IPV6 && name == IPV6_V6ONLY) {
		if (s->family != AF_INET6)
			return -ENOPROTOOPT;
		if (inet_sk(s)->local_port)
			return -EINVAL; /* already bound */
		inet_sk(s)->v6only = v != 0;
		return 0;
	}
	return -ENOPROTOOPT;
}

int inet_getsockopt_ip(struct socket *s, int level, int name, void *val, int *len)
{
	int v;

	if (level == SOL_IPV6 && name == IPV6_V6ONLY && s->family == AF_INET6)
		v = inet_sk(s)->v6only;
	else
		return -ENOPROTOOPT;
	*len = MIN(*len, (int)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static int inet_create(struct socket *s)
{
	switch (s->type) {
	case SOCK_STREAM:
		if (s->protocol && s->protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		s->protocol = IPPROTO_TCP;
		return inet_tcp_create(s);
	case SOCK_DGRAM:
		if (s->protocol && s->protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		s->protocol = IPPROTO_UDP;
		return inet_udp_create(s);
	default:
		return -ESOCKTNOSUPPORT;
	}
}

static struct socket_family inet4 = {.family = AF_INET, .create = inet_create};
static struct socket_family inet6 = {.family = AF_INET6, .create = inet_create};

static int inet_init(void)
{
	socket_register_family(&inet4);
	socket_register_family(&inet6);
	socket_register_interface_ioctl(inet_ioctl_if);
	return 0;
}
INITCALL(inet_init, INIT_LIB);
