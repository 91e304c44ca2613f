/*
 * UDP sockets over lwIP's raw API: received datagrams wait in a queue,
 * with their source, up to the socket's receive buffer (further ones are
 * dropped, as on Linux); sends go out at once.
 */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/poll.h>
#include <linux/sockios.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/list.h>
#include <tessera/uaccess.h>
#include "lwip/tcpip.h"
#include "lwip/udp.h"
#include "inet.h"

#define UDP_MAX_PAYLOAD 65507

struct datagram {
	struct list_head link;
	struct pbuf *p;
	ip_addr_t from;
	u16_t port;
};

struct udp_sock {
	struct inet_sock inet;
	struct udp_pcb *pcb;
	struct list_head queue; /* of struct datagram */
	size_t queued;          /* bytes of payload waiting */
	bool connected;
};

static const struct socket_ops udp_ops;

static struct udp_sock *udp_sk(struct socket *s)
{
	return s->priv;
}

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
		    u16_t port)
{
	struct udp_sock *us = arg;
	struct datagram *d;

	(void)pcb;
	if (us->queued + p->tot_len > (size_t)us->inet.sock->rcvbuf ||
	    !(d = alloc_malloc(alloc_default(), sizeof(*d)))) {
		pbuf_free(p);
		return;
	}
	d->p = p;
	ip_addr_copy(d->from, *addr);
	d->port = port;
	list_add_tail(&d->link, &us->queue);
	us->queued += p->tot_len;
	socket_wake(us->inet.sock, SOCKET_READABLE);
}

int inet_udp_create(struct socket *s)
{
	struct udp_sock *us = alloc_calloc(alloc_default(), 1, sizeof(*us));

	if (!us)
		return -ENOMEM;
	us->inet.sock = s;
	list_init(&us->queue);
	s->priv = us;
	s->ops = &udp_ops;
	LOCK_TCPIP_CORE();
	us->pcb = udp_new_ip_type(s->family == AF_INET ? IPADDR_TYPE_V4 : IPADDR_TYPE_ANY);
	if (us->pcb)
		udp_recv(us->pcb, on_recv, us);
	inet_addr_any(s, &us->inet.local_ip);
	UNLOCK_TCPIP_CORE();
	if (!us->pcb) {
		alloc_free(alloc_default(), us);
		return -ENOMEM;
	}
	return 0;
}

/* Lock held. */
static int do_bind(struct udp_sock *us, ip_addr_t *ip, u16_t port)
{
	err_t e;

	if (ip_addr_isany(ip))
		inet_addr_any(us->inet.sock, ip);
	us->pcb->so_options &= ~SOF_REUSEADDR;
	if (us->inet.sock->reuseaddr || us->inet.sock->reuseport)
		ip_set_option(us->pcb, SOF_REUSEADDR);
	e = udp_bind(us->pcb, ip, port);
	if (e != ERR_OK)
		return e == ERR_USE ? -EADDRINUSE : -EINVAL;
	ip_addr_copy(us->inet.local_ip, us->pcb->local_ip);
	us->inet.local_port = us->pcb->local_port;
	return 0;
}

static int udp_sock_bind(struct socket *s, const struct sock_addr *addr, int len)
{
	ip_addr_t ip;
	u16_t port;
	int err = inet_bind_address(s, addr, len, &ip, &port);

	if (err)
		return err;
	LOCK_TCPIP_CORE();
	err = do_bind(udp_sk(s), &ip, port);
	UNLOCK_TCPIP_CORE();
	return err;
}

/* Lock held: a local port before sending or connecting, as Linux picks one. */
static int autobind(struct udp_sock *us)
{
	ip_addr_t any;

	if (us->inet.local_port)
		return 0;
	ip_addr_set_zero(&any);
	return do_bind(us, &any, 0);
}

static int udp_sock_connect(struct socket *s, const struct sock_addr *addr, int len)
{
	struct udp_sock *us = udp_sk(s);
	ip_addr_t ip;
	u16_t port;
	int err = 0;

	if (len >= (int)sizeof(addr->family) && addr->family == AF_UNSPEC) {
		LOCK_TCPIP_CORE();
		udp_disconnect(us->pcb);
		us->connected = false;
		UNLOCK_TCPIP_CORE();
		return 0;
	}
	err = inet_addr_in(s, addr, len, &ip, &port);
	if (err)
		return err;
	LOCK_TCPIP_CORE();
	err = autobind(us);
	if (!err && udp_connect(us->pcb, &ip, port) != ERR_OK)
		err = -ENETUNREACH;
	us->connected = !err;
	UNLOCK_TCPIP_CORE();
	return err;
}

static ssize_t udp_sock_sendmsg(struct socket *s, struct sock_msg *m, int flags)
{
	struct udp_sock *us = udp_sk(s);
	struct pbuf *p;
	ip_addr_t ip;
	u16_t port;
	ssize_t ret;
	err_t e;

	(void)flags;
	if (m->len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (m->addr) {
		ret = inet_addr_in(s, m->addr, m->addrlen, &ip, &port);
		if (ret)
			return ret;
		if (!port)
			return -EINVAL;
	}
	p = pbuf_alloc(PBUF_TRANSPORT, m->len, PBUF_RAM);
	if (!p)
		return -ENOBUFS;
	ret = sock_msg_copy_from(m, p->payload, m->len);
	if (ret < 0 || (size_t)ret != m->len) {
		pbuf_free(p);
		return ret < 0 ? ret : -EFAULT;
	}
	LOCK_TCPIP_CORE();
	if (!m->addr && !us->connected) {
		ret = -EDESTADDRREQ;
	} else if (!(ret = autobind(us))) {
		e = m->addr ? udp_sendto(us->pcb, p, &ip, port) : udp_send(us->pcb, p);
		if (e == ERR_RTE)
			ret = -ENETUNREACH;
		else if (e == ERR_MEM || e == ERR_BUF)
			ret = -ENOBUFS;
		else if (e != ERR_OK)
			ret = -EINVAL;
		else
			ret = m->len;
	}
	pbuf_free(p);
	UNLOCK_TCPIP_CORE();
	return ret;
}

static ssize_t udp_sock_recvmsg(struct socket *s, struct sock_msg *m, int flags)
{
	struct udp_sock *us = udp_sk(s);
	uint64_t deadline = socket_deadline(s->rcvtimeo_ns);
	struct datagram *d;
	size_t done = 0;
	ssize_t ret = 0;

	LOCK_TCPIP_CORE();
	while (list_empty(&us->queue)) {
		ret = flags & MSG_DONTWAIT ? -EAGAIN : inet_wait(s, deadline);
		if (ret) {
			UNLOCK_TCPIP_CORE();
			return ret;
		}
	}
	d = list_first_entry_or_null(&us->queue, struct datagram, link);
	for (struct pbuf *q = d->p; q && done < m->len; q = q->next) {
		ret = sock_msg_copy_to(m, q->payload, MIN((size_t)q->len, m->len - done));
		if (ret < 0)
			break;
		done += ret;
	}
	if (ret >= 0) {
		if (d->p->tot_len > done)
			m->flags |= MSG_TRUNC;
		if (m->addr)
			m->addrlen = inet_addr_out(s, &d->from, d->port, m->addr);
		ret = flags & MSG_TRUNC ? d->p->tot_len : done;
		if (!(flags & MSG_PEEK)) {
			list_del(&d->link);
			us->queued -= d->p->tot_len;
			pbuf_free(d->p);
			alloc_free(alloc_default(), d);
		}
	}
	UNLOCK_TCPIP_CORE();
	return ret;
}

static int udp_sock_shutdown(struct socket *s, int how)
{
	(void)how;
	return udp_sk(s)->connected ? 0 : -ENOTCONN;
}

static int udp_sock_getname(struct socket *s, struct sock_addr *addr, int *len, bool peer)
{
	struct udp_sock *us = udp_sk(s);
	int err = 0;

	LOCK_TCPIP_CORE();
	if (!peer)
		*len = inet_addr_out(s, &us->inet.local_ip, us->inet.local_port, addr);
	else if (!us->connected)
		err = -ENOTCONN;
	else
		*len = inet_addr_out(s, &us->pcb->remote_ip, us->pcb->remote_port, addr);
	UNLOCK_TCPIP_CORE();
	return err;
}

static int udp_sock_setsockopt(struct socket *s, int level, int name, const void *val, int len)
{
	if (level == SOL_SOCKET)
		return -ENOPROTOOPT; /* SO_REUSEADDR and the rest apply at bind */
	return inet_setsockopt_ip(s, level, name, val, len);
}

static int udp_sock_getsockopt(struct socket *s, int level, int name, void *val, int *len)
{
	if (level == SOL_SOCKET)
		return -ENOPROTOOPT;
	return inet_getsockopt_ip(s, level, name, val, len);
}

static unsigned int udp_sock_poll(struct socket *s, struct poll_table *pt)
{
	(void)pt;
	return POLLOUT | POLLWRNORM | (list_empty(&udp_sk(s)->queue) ? 0 : POLLIN | POLLRDNORM);
}

static long udp_sock_ioctl(struct socket *s, unsigned int cmd, unsigned long arg)
{
	struct udp_sock *us = udp_sk(s);
	int v = 0;

	if (cmd == SIOCOUTQ)
		return copy_to_user((void *)arg, &v, sizeof(v));
	if (cmd != SIOCINQ)
		return -ENOTTY;
	/* Linux reports the size of the next datagram. */
	LOCK_TCPIP_CORE();
	if (!list_empty(&us->queue))
		v = list_first_entry_or_null(&us->queue, struct datagram, link)->p->tot_len;
	UNLOCK_TCPIP_CORE();
	return copy_to_user((void *)arg, &v, sizeof(v));
}

static void udp_sock_release(struct socket *s)
{
	struct udp_sock *us = udp_sk(s);
	struct datagram *d, *next;

	LOCK_TCPIP_CORE();
	udp_remove(us->pcb);
	list_for_each_entry_safe(d, next, &us->queue, link) {
		pbuf_free(d->p);
		alloc_free(alloc_default(), d);
	}
	UNLOCK_TCPIP_CORE();
	alloc_free(alloc_default(), us);
}

static const struct socket_ops udp_ops = {
	.bind = udp_sock_bind,
	.connect = udp_sock_connect,
	.sendmsg = udp_sock_sendmsg,
	.recvmsg = udp_sock_recvmsg,
	.shutdown = udp_sock_shutdown,
	.getname = udp_sock_getname,
	.setsockopt = udp_sock_setsockopt,
	.getsockopt = udp_sock_getsockopt,
	.poll = udp_sock_poll,
	.ioctl = udp_sock_ioctl,
	.release = udp_sock_release,
};
