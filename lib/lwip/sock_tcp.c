/*
 * TCP sockets over lwIP's raw API.
 *
 * A tcp_sock follows its connection through lwIP's callbacks: received
 * data is queued as pbufs and acknowledged to lwIP (opening the window)
 * only as the application reads it; "sent" updates the room to write; an
 * error means lwIP has freed the pcb.  A listening socket queues accepted
 * connections as sockets without a file until accept() takes them, and
 * tells lwIP then (TCP_LISTEN_BACKLOG), so that the backlog limits
 * connections not yet accepted, as on Linux.  Closing hands the pcb to lwIP
 * to finish in the background (with a reset if data was left unread or
 * SO_LINGER is on with a zero timeout, as Linux does).
 */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/poll.h>
#include <linux/sockios.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/list.h>
#include <tessera/metrics.h>
#include <tessera/uaccess.h>
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "inet.h"

#define TCP_DEFAULT_SNDBUF 16384  /* what Linux reports before any setsockopt */
#define TCP_DEFAULT_RCVBUF 131072
#define SEND_CHUNK         16384  /* bytes copied from the application at a time */
#define KEEP_MAX_SECONDS   32767
#define KEEP_MAX_COUNT     127

enum tcp_sock_state {
	TS_CLOSED,     /* new, or connection gone (reset says which) */
	TS_LISTEN,
	TS_CONNECTING,
	TS_CONNECTED,
};

struct tcp_sock {
	struct inet_sock inet;
	struct tcp_pcb *pcb; /* NULL once lwIP has dropped the connection */
	enum tcp_sock_state state;
	/* Received data: a list of pbufs linked through next, from rx_offset in the first. */
	struct pbuf *rx, *rx_tail;
	u16_t rx_offset;
	size_t rx_avail;
	bool rx_eof;   /* the peer sent FIN */
	bool shut_rd, shut_wr;
	bool reset;    /* the connection ended abnormally or was closed by lwIP */
	bool writable; /* lwIP's send buffer has room (for poll) */
	bool connect_unreported; /* connect() said EINPROGRESS: the next one says how it went */
	int error;     /* pending SO_ERROR, positive */
	/* Options kept here, since listening pcbs cannot hold them. */
	bool nodelay, corked;
	u32_t keep_idle_s, keep_intvl_s, keep_cnt;
	/* Listening: connections not yet accepted; on such a queue: accept_link. */
	struct list_head accept_queue;
	struct list_head accept_link;
};

static const struct socket_ops tcp_ops;

METRIC_COUNTER(accepted, "tessera_tcp_connections_accepted_total",
	       "TCP connections accepted from peers (passive opens)");
METRIC_COUNTER(connected, "tessera_tcp_connections_opened_total",
	       "TCP connections this guest opened (active opens that succeeded)");

static struct tcp_sock *tcp_sk(struct socket *s)
{
	return s->priv;
}

static struct tcp_sock *tcp_sock_alloc(struct socket *s)
{
	struct tcp_sock *ts = alloc_calloc(alloc_default(), 1, sizeof(*ts));

	if (!ts)
		return NULL;
	ts->inet.sock = s;
	list_init(&ts->accept_queue);
	list_init(&ts->accept_link);
	ts->keep_idle_s = TCP_KEEPIDLE_DEFAULT / 1000;
	ts->keep_intvl_s = TCP_KEEPINTVL_DEFAULT / 1000;
	ts->keep_cnt = TCP_KEEPCNT_DEFAULT;
	s->priv = ts;
	s->ops = &tcp_ops;
	return ts;
}

static void update_writable(struct tcp_sock *ts)
{
	ts->writable = ts->pcb && tcp_sndbuf(ts->pcb) >= TCP_SNDLOWAT &&
		       tcp_sndqueuelen(ts->pcb) < TCP_SNDQUEUELOWAT;
}

/* The socket's options onto a connection's pcb. */
static void apply_options(struct tcp_sock *ts, struct tcp_pcb *pcb)
{
	struct socket *s = ts->inet.sock;

	pcb->so_options &= ~(SOF_REUSEADDR | SOF_KEEPALIVE);
	if (s->reuseaddr || s->reuseport)
		ip_set_option(pcb, SOF_REUSEADDR);
	if (s->keepalive)
		ip_set_option(pcb, SOF_KEEPALIVE);
	if (ts->nodelay)
		tcp_nagle_disable(pcb);
	else
		tcp_nagle_enable(pcb);
	pcb->keep_idle = ts->keep_idle_s * 1000;
	pcb->keep_intvl = ts->keep_intvl_s * 1000;
	pcb->keep_cnt = ts->keep_cnt;
}

/* Callbacks (core lock held). ------------------------------------------ */

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct tcp_sock *ts = arg;
	struct pbuf *last;

	(void)pcb, (void)err;
	if (!p) {
		ts->rx_eof = true;
	} else {
		ts->rx_avail += p->tot_len;
		if (ts->rx_tail)
			ts->rx_tail->next = p;
		else
			ts->rx = p;
		for (last = p; last->next; last = last->next)
			;
		ts->rx_tail = last;
	}
	socket_wake(ts->inet.sock, p ? SOCKET_READABLE : SOCKET_STATE);
	return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct tcp_sock *ts = arg;

	(void)pcb, (void)len;
	update_writable(ts);
	if (ts->writable)
		socket_wake(ts->inet.sock, SOCKET_WRITABLE);
	return ERR_OK;
}

static void on_error(void *arg, err_t err)
{
	struct tcp_sock *ts = arg;

	ts->pcb = NULL;
	ts->writable = false;
	if (ts->state == TS_CONNECTING)
		ts->error = err == ERR_RST ? ECONNREFUSED : ETIMEDOUT;
	else if (err == ERR_RST)
		ts->error = ECONNRESET;
	else if (err == ERR_ABRT)
		ts->error = ETIMEDOUT; /* retransmissions or keepalive probes ran out */
	if (ts->state != TS_LISTEN)
		ts->state = TS_CLOSED;
	ts->reset = true;
	socket_wake(ts->inet.sock, SOCKET_STATE);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct tcp_sock *ts = arg;

	(void)err;
	metric_add(connected, 1);
	ts->state = TS_CONNECTED;
	ip_addr_copy(ts->inet.local_ip, pcb->local_ip);
	ts->inet.local_port = pcb->local_port;
	update_writable(ts);
	socket_wake(ts->inet.sock, SOCKET_WRITABLE);
	return ERR_OK;
}

static void attach(struct tcp_sock *ts, struct tcp_pcb *pcb)
{
	ts->pcb = pcb;
	tcp_arg(pcb, ts);
	tcp_recv(pcb, on_recv);
	tcp_sent(pcb, on_sent);
	tcp_err(pcb, on_error);
}

/* Leave pcb to lwIP: the socket hears no more of it. */
static void detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct tcp_sock *l = arg, *ts;
	struct socket *s;

	if (err != ERR_OK || !pcb || !l)
		return ERR_VAL;
	s = socket_new_accepted(l->inet.sock);
	ts = s ? tcp_sock_alloc(s) : NULL;
	if (!ts) {
		alloc_free(alloc_default(), s);
		return ERR_MEM; /* lwIP aborts the connection */
	}
	/* Linux's accepted sockets inherit the listener's options. */
	s->rcvtimeo_ns = l->inet.sock->rcvtimeo_ns;
	s->sndtimeo_ns = l->inet.sock->sndtimeo_ns;
	s->rcvbuf = l->inet.sock->rcvbuf;
	s->sndbuf = l->inet.sock->sndbuf;
	s->keepalive = l->inet.sock->keepalive;
	s->linger = l->inet.sock->linger;
	ts->nodelay = l->nodelay;
	ts->keep_idle_s = l->keep_idle_s;
	ts->keep_intvl_s = l->keep_intvl_s;
	ts->keep_cnt = l->keep_cnt;
	ts->inet.v6only = l->inet.v6only;
	ts->state = TS_CONNECTED;
	ip_addr_copy(ts->inet.local_ip, pcb->local_ip);
	ts->inet.local_port = pcb->local_port;
	attach(ts, pcb);
	apply_options(ts, pcb);
	update_writable(ts);
	list_add_tail(&ts->accept_link, &l->accept_queue);
	metric_add(accepted, 1);
	socket_wake(l->inet.sock, SOCKET_READABLE);
	return ERR_OK;
}

/* Operations. ------------------------------------------------------------ */

static int new_pcb(struct tcp_sock *ts)
{
	struct socket *s = ts->inet.sock;
	struct tcp_pcb *pcb = tcp_new_ip_type(s->family == AF_INET ? IPADDR_TYPE_V4
								  : IPADDR_TYPE_ANY);

	if (!pcb)
		return -ENOMEM;
	attach(ts, pcb);
	ts->state = TS_CLOSED;
	ts->reset = ts->rx_eof = ts->shut_rd = ts->shut_wr = false;
	return 0;
}

int inet_tcp_create(struct socket *s)
{
	struct tcp_sock *ts = tcp_sock_alloc(s);
	int err;

	if (!ts)
		return -ENOMEM;
	s->sndbuf = TCP_DEFAULT_SNDBUF;
	s->rcvbuf = TCP_DEFAULT_RCVBUF;
	LOCK_TCPIP_CORE();
	err = new_pcb(ts);
	inet_addr_any(s, &ts->inet.local_ip);
	UNLOCK_TCPIP_CORE();
	if (err)
		alloc_free(alloc_default(), ts);
	return err;
}

static int map_bind_error(err_t e)
{
	switch (e) {
	case ERR_OK:
		return 0;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_MEM:
	case ERR_BUF:
		return -ENOMEM;
	default:
		return -EINVAL;
	}
}

/* Lock held; ts has a fresh pcb. */
static int do_bind(struct tcp_sock *ts, ip_addr_t *ip, u16_t port)
{
	int err;

	if (ip_addr_isany(ip))
		inet_addr_any(ts->inet.sock, ip);
	apply_options(ts, ts->pcb);
	err = map_bind_error(tcp_bind(ts->pcb, ip, port));
	if (!err) {
		ip_addr_copy(ts->inet.local_ip, ts->pcb->local_ip);
		ts->inet.local_port = ts->pcb->local_port;
	}
	return err;
}

static int tcp_sock_bind(struct socket *s, const struct sock_addr *addr, int len)
{
	struct tcp_sock *ts = tcp_sk(s);
	ip_addr_t ip;
	u16_t port;
	int err = inet_bind_address(s, addr, len, &ip, &port);

	if (err)
		return err;
	LOCK_TCPIP_CORE();
	if (!ts->pcb || ts->state != TS_CLOSED)
		err = -EINVAL;
	else
		err = do_bind(ts, &ip, port);
	UNLOCK_TCPIP_CORE();
	return err;
}

static int tcp_sock_listen(struct socket *s, int backlog)
{
	struct tcp_sock *ts = tcp_sk(s);
	struct tcp_pcb *lpcb;
	ip_addr_t any;
	err_t e;
	int err = 0;

	backlog = MIN(MAX(backlog, 1), 255); /* lwIP counts pending connections in a byte */
	LOCK_TCPIP_CORE();
	if (ts->state == TS_LISTEN) {
		tcp_backlog_set(ts->pcb, backlog);
		goto out;
	}
	if (ts->state != TS_CLOSED || (!ts->pcb && (err = new_pcb(ts)))) {
		err = err ?: -EINVAL;
		goto out;
	}
	/* An unbound socket listens on an ephemeral port, as on Linux. */
	if (!ts->inet.local_port) {
		ip_addr_set_zero(&any);
		err = do_bind(ts, &any, 0);
		if (err)
			goto out;
	}
	lpcb = tcp_listen_with_backlog_and_err(ts->pcb, backlog, &e);
	if (!lpcb) {
		err = -ENOMEM;
		goto out;
	}
	ts->pcb = lpcb;
	tcp_arg(lpcb, ts);
	tcp_accept(lpcb, on_accept);
	ts->state = TS_LISTEN;
out:
	UNLOCK_TCPIP_CORE();
	return err;
}

static int tcp_sock_accept(struct socket *s, struct socket **out)
{
	struct tcp_sock *ts = tcp_sk(s), *new;
	uint64_t deadline = socket_deadline(s->rcvtimeo_ns);
	int err = 0;

	LOCK_TCPIP_CORE();
	while (!err && ts->state == TS_LISTEN && list_empty(&ts->accept_queue))
		err = socket_nonblocking(s) ? -EAGAIN : inet_wait(s, deadline);
	if (!err && ts->state != TS_LISTEN)
		err = -EINVAL;
	if (!err) {
		new = list_entry(list_pop_front(&ts->accept_queue), struct tcp_sock, accept_link);
		if (new->pcb)
			tcp_backlog_accepted(new->pcb);
		*out = new->inet.sock;
	}
	UNLOCK_TCPIP_CORE();
	return err;
}

static int tcp_sock_connect(struct socket *s, const struct sock_addr *addr, int len)
{
	struct tcp_sock *ts = tcp_sk(s);
	uint64_t deadline = socket_deadline(s->sndtimeo_ns);
	ip_addr_t ip;
	u16_t port;
	err_t e;
	int err = inet_addr_in(s, addr, len, &ip, &port);

	if (err)
		return err;
	LOCK_TCPIP_CORE();
	if (ts->state == TS_CONNECTING) {
		err = -EALREADY;
		goto out;
	}
	if (ts->state == TS_CONNECTED && ts->connect_unreported) {
		ts->connect_unreported = false; /* Linux reports the success once */
		goto out;
	}
	if (ts->state != TS_CLOSED) {
		err = -EISCONN;
		goto out;
	}
	if (!ts->pcb && (err = new_pcb(ts)))
		goto out;
	/* The wildcard address means this host, as on Linux. */
	if (ip_addr_isany(&ip)) {
		if (IP_IS_V4(&ip))
			ip_addr_set_loopback(0, &ip);
		else
			ip_addr_set_loopback(1, &ip);
	}
	if (!port) {
		err = -ECONNREFUSED;
		goto out;
	}
	apply_options(ts, ts->pcb);
	ts->error = 0;
	ts->state = TS_CONNECTING;
	e = tcp_connect(ts->pcb, &ip, port, on_connected);
	if (e != ERR_OK) {
		ts->state = TS_CLOSED;
		err = e == ERR_RTE ? -ENETUNREACH : e == ERR_USE ? -EADDRNOTAVAIL : -ENOMEM;
		goto out;
	}
	ip_addr_copy(ts->inet.local_ip, ts->pcb->local_ip);
	ts->inet.local_port = ts->pcb->local_port;
	if (socket_nonblocking(s)) {
		ts->connect_unreported = true;
		err = -EINPROGRESS;
		goto out;
	}
	while (ts->state == TS_CONNECTING) {
		err = inet_wait(s, deadline);
		if (err) {
			/* The connection goes on: a later connect() says how it went. */
			ts->connect_unreported = true;
			err = err == -EAGAIN ? -EINPROGRESS : err;
			goto out;
		}
	}
	if (ts->state != TS_CONNECTED) {
		err = -ts->error;
		ts->error = 0;
	}
out:
	UNLOCK_TCPIP_CORE();
	return err;
}

/* Consume n bytes of received data (they were read): tell lwIP, free what is done. */
static void rx_consume(struct tcp_sock *ts, size_t n)
{
	size_t left = n;

	while (left) {
		struct pbuf *p = ts->rx;
		u16_t chunk = MIN(left, (size_t)(p->len - ts->rx_offset));

		ts->rx_offset += chunk;
		left -= chunk;
		if (ts->rx_offset == p->len) {
			ts->rx = p->next;
			if (!ts->rx)
				ts->rx_tail = NULL;
			p->next = NULL;
			pbuf_free(p);
			ts->rx_offset = 0;
		}
	}
	ts->rx_avail -= n;
	for (left = n; ts->pcb && left;) {
		u16_t chunk = MIN(left, 0xffff);

		tcp_recved(ts->pcb, chunk);
		left -= chunk;
	}
}

/* Copy up to len received bytes to the message without consuming them. */
static ssize_t rx_copy(struct tcp_sock *ts, struct sock_msg *m, size_t len)
{
	size_t done = 0;
	u16_t offset = ts->rx_offset;

	for (struct pbuf *p = ts->rx; p && done < len; p = p->next, offset = 0) {
		size_t chunk = MIN(len - done, (size_t)(p->len - offset));
		ssize_t n = sock_msg_copy_to(m, (char *)p->payload + offset, chunk);

		if (n < 0)
			return done ? (ssize_t)done : n;
		done += n;
		if ((size_t)n < chunk)
			break;
	}
	return done;
}

static ssize_t tcp_sock_recvmsg(struct socket *s, struct sock_msg *m, int flags)
{
	struct tcp_sock *ts = tcp_sk(s);
	uint64_t deadline = socket_deadline(s->rcvtimeo_ns);
	size_t want = m->len, done = 0;
	ssize_t ret = 0;

	if (flags & MSG_OOB)
		return -EINVAL;
	LOCK_TCPIP_CORE();
	if (ts->state == TS_LISTEN || (ts->state == TS_CLOSED && !ts->reset)) {
		ret = -ENOTCONN;
		goto out;
	}
	while (done < want) {
		if (ts->rx_avail) {
			ret = rx_copy(ts, m, want - done);
			if (ret < 0)
				break;
			if (!(flags & MSG_PEEK))
				rx_consume(ts, ret);
			done += ret;
			if (!(flags & MSG_WAITALL) || (flags & MSG_PEEK))
				break;
			continue;
		}
		if (ts->error) {
			if (!done) {
				ret = -ts->error;
				ts->error = 0;
			}
			break;
		}
		if (ts->rx_eof || ts->shut_rd || ts->reset)
			break;
		ret = flags & MSG_DONTWAIT ? -EAGAIN : inet_wait(s, deadline);
		if (ret)
			break;
	}
out:
	UNLOCK_TCPIP_CORE();
	return done ? (ssize_t)done : ret;
}

/* Lock held: room in lwIP's send queue for len more bytes (at least some). */
static u16_t send_room(struct tcp_sock *ts)
{
	if (tcp_sndqueuelen(ts->pcb) >= TCP_SND_QUEUELEN - 1)
		return 0;
	return tcp_sndbuf(ts->pcb);
}

static ssize_t tcp_sock_sendmsg(struct socket *s, struct sock_msg *m, int flags)
{
	struct tcp_sock *ts = tcp_sk(s);
	uint64_t deadline = socket_deadline(s->sndtimeo_ns);
	char small[512], *bounce = small;
	size_t bounce_size = sizeof(small), done = 0;
	ssize_t ret = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->len > bounce_size) {
		bounce_size = MIN(m->len, (size_t)SEND_CHUNK);
		bounce = alloc_malloc(alloc_default(), bounce_size);
		if (!bounce)
			return -ENOMEM;
	}
	LOCK_TCPIP_CORE();
	while (done < m->len) {
		u16_t room;
		size_t chunk;
		err_t e;

		if (ts->error) {
			ret = -ts->error;
			ts->error = 0;
			break;
		}
		if (ts->shut_wr || !ts->pcb || (ts->state != TS_CONNECTED &&
						 ts->state != TS_CONNECTING)) {
			ret = -EPIPE;
			break;
		}
		room = ts->state == TS_CONNECTED ? send_room(ts) : 0;
		if (!room) {
			if (ts->pcb && ts->state == TS_CONNECTED)
				tcp_output(ts->pcb);
			ret = flags & MSG_DONTWAIT ? -EAGAIN : inet_wait(s, deadline);
			if (ret)
				break;
			continue;
		}
		chunk = MIN(MIN(m->len - done, (size_t)room), bounce_size);
		ret = sock_msg_copy_from(m, bounce, chunk);
		if (ret <= 0)
			break;
		chunk = ret;
		e = tcp_write(ts->pcb, bounce, chunk,
			      TCP_WRITE_FLAG_COPY |
				      (done + chunk < m->len || (flags & MSG_MORE) || ts->corked
					       ? TCP_WRITE_FLAG_MORE
					       : 0));
		if (e != ERR_OK) {
			/* Out of memory for segments: what was copied is not sent. */
			ret = e == ERR_MEM ? -EAGAIN : -EPIPE;
			break;
		}
		done += chunk;
	}
	if (ts->pcb && done && !(flags & MSG_MORE) && !ts->corked)
		tcp_output(ts->pcb);
	update_writable(ts);
	UNLOCK_TCPIP_CORE();
	if (bounce != small)
		alloc_free(alloc_default(), bounce);
	return done ? (ssize_t)done : ret;
}

static int tcp_sock_shutdown(struct socket *s, int how)
{
	struct tcp_sock *ts = tcp_sk(s);
	int err = 0;

	LOCK_TCPIP_CORE();
	if (ts->state == TS_LISTEN) {
		if (how != SHUT_WR) {
			tcp_close(ts->pcb);
			ts->pcb = NULL;
			ts->state = TS_CLOSED;
		}
	} else if (ts->state != TS_CONNECTED) {
		err = -ENOTCONN;
	} else {
		if (how != SHUT_WR)
			ts->shut_rd = true;
		if (how != SHUT_RD && !ts->shut_wr) {
			ts->shut_wr = true;
			if (ts->pcb)
				tcp_shutdown(ts->pcb, 0, 1);
		}
	}
	socket_wake(s, SOCKET_STATE);
	UNLOCK_TCPIP_CORE();
	return err;
}

static int tcp_sock_getname(struct socket *s, struct sock_addr *addr, int *len, bool peer)
{
	struct tcp_sock *ts = tcp_sk(s);
	int err = 0;

	LOCK_TCPIP_CORE();
	if (!peer)
		*len = inet_addr_out(s, &ts->inet.local_ip, ts->inet.local_port, addr);
	else if (ts->state != TS_CONNECTED || !ts->pcb)
		err = -ENOTCONN;
	else
		*len = inet_addr_out(s, &ts->pcb->remote_ip, ts->pcb->remote_port, addr);
	UNLOCK_TCPIP_CORE();
	return err;
}

static int set_tcp_option(struct tcp_sock *ts, int name, int v)
{
	switch (name) {
	case TCP_NODELAY:
		ts->nodelay = v != 0;
		break;
	case TCP_CORK:
		ts->corked = v != 0;
		if (!ts->corked && ts->pcb && ts->state == TS_CONNECTED)
			tcp_output(ts->pcb);
		return 0;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		if (v < 1 || v > KEEP_MAX_SECONDS)
			return -EINVAL;
		*(name == TCP_KEEPIDLE ? &ts->keep_idle_s : &ts->keep_intvl_s) = v;
		break;
	case TCP_KEEPCNT:
		if (v < 1 || v > KEEP_MAX_COUNT)
			return -EINVAL;
		ts->keep_cnt = v;
		break;
	case TCP_MAXSEG:
	case TCP_DEFER_ACCEPT:
	case TCP_QUICKACK:
		return 0; /* hints lwIP has no use for */
	default:
		return -ENOPROTOOPT;
	}
	if (ts->pcb && ts->state != TS_LISTEN)
		apply_options(ts, ts->pcb);
	return 0;
}

static int tcp_sock_setsockopt(struct socket *s, int level, int name, const void *val, int len)
{
	struct tcp_sock *ts = tcp_sk(s);
	int v, err;

	if (level != SOL_SOCKET && level != SOL_TCP)
		return inet_setsockopt_ip(s, level, name, val, len);
	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	LOCK_TCPIP_CORE();
	if (level == SOL_TCP) {
		err = set_tcp_option(ts, name, v);
	} else {
		/* SO_REUSEADDR, SO_KEEPALIVE, ...: the common code stored them. */
		if (ts->pcb && ts->state != TS_LISTEN)
			apply_options(ts, ts->pcb);
		err = 0;
	}
	UNLOCK_TCPIP_CORE();
	return err;
}

static int tcp_sock_getsockopt(struct socket *s, int level, int name, void *val, int *len)
{
	struct tcp_sock *ts = tcp_sk(s);
	int v;

	LOCK_TCPIP_CORE();
	if (level == SOL_SOCKET && name == SO_ERROR) {
		v = ts->error;
		ts->error = 0;
	} else if (level == SOL_SOCKET && name == SO_ACCEPTCONN) {
		v = ts->state == TS_LISTEN;
	} else if (level == SOL_TCP && name == TCP_NODELAY) {
		v = ts->nodelay;
	} else if (level == SOL_TCP && name == TCP_CORK) {
		v = ts->corked;
	} else if (level == SOL_TCP && name == TCP_KEEPIDLE) {
		v = ts->keep_idle_s;
	} else if (level == SOL_TCP && name == TCP_KEEPINTVL) {
		v = ts->keep_intvl_s;
	} else if (level == SOL_TCP && name == TCP_KEEPCNT) {
		v = ts->keep_cnt;
	} else if (level == SOL_TCP && name == TCP_MAXSEG) {
		v = ts->pcb && ts->state == TS_CONNECTED ? tcp_mss(ts->pcb) : TCP_MSS_DEFAULT;
	} else {
		UNLOCK_TCPIP_CORE();
		if (level == SOL_SOCKET || level == SOL_TCP)
			return -ENOPROTOOPT;
		return inet_getsockopt_ip(s, level, name, val, len);
	}
	UNLOCK_TCPIP_CORE();
	*len = MIN(*len, (int)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static unsigned int tcp_sock_poll(struct socket *s, struct poll_table *pt)
{
	struct tcp_sock *ts = tcp_sk(s);
	unsigned int mask = 0;

	(void)pt;
	switch (ts->state) {
	case TS_LISTEN:
		return list_empty(&ts->accept_queue) ? 0 : POLLIN | POLLRDNORM;
	case TS_CONNECTING:
		return 0;
	case TS_CLOSED:
		mask = POLLOUT | POLLWRNORM | POLLHUP;
		if (ts->reset)
			mask |= POLLIN | POLLRDNORM | POLLRDHUP;
		break;
	case TS_CONNECTED:
		if (ts->rx_avail || ts->rx_eof || ts->shut_rd)
			mask |= POLLIN | POLLRDNORM;
		if (ts->rx_eof || ts->shut_rd)
			mask |= POLLRDHUP;
		if (ts->writable || ts->shut_wr)
			mask |= POLLOUT | POLLWRNORM;
		if (ts->shut_wr && (ts->rx_eof || ts->shut_rd))
			mask |= POLLHUP;
		break;
	}
	if (ts->error)
		mask |= POLLERR;
	return mask;
}

static long tcp_sock_ioctl(struct socket *s, unsigned int cmd, unsigned long arg)
{
	struct tcp_sock *ts = tcp_sk(s);
	int v;

	switch (cmd) {
	case SIOCINQ:
		if (ts->state == TS_LISTEN)
			return -EINVAL;
		v = MIN(ts->rx_avail, (size_t)INT32_MAX);
		break;
	case SIOCOUTQ:
		LOCK_TCPIP_CORE();
		v = ts->pcb && ts->state != TS_LISTEN ? TCP_SND_BUF - tcp_sndbuf(ts->pcb) : 0;
		UNLOCK_TCPIP_CORE();
		break;
	case SIOCATMARK:
		v = 0;
		break;
	default:
		return -ENOTTY;
	}
	return copy_to_user((void *)arg, &v, sizeof(v));
}

static void free_rx(struct tcp_sock *ts)
{
	if (ts->rx)
		pbuf_free(ts->rx);
	ts->rx = ts->rx_tail = NULL;
	ts->rx_avail = 0;
}

/* Lock held: end the connection and free ts (not its socket). */
static void close_locked(struct tcp_sock *ts)
{
	struct socket *s = ts->inet.sock;
	struct tcp_sock *pending, *next;

	if (ts->state == TS_LISTEN) {
		list_for_each_entry_safe(pending, next, &ts->accept_queue, accept_link) {
			struct socket *never_accepted = pending->inet.sock;

			list_del(&pending->accept_link);
			close_locked(pending);
			alloc_free(alloc_default(), never_accepted);
		}
		if (ts->pcb)
			tcp_close(ts->pcb);
	} else if (ts->pcb) {
		detach(ts->pcb);
		if (s->linger.l_onoff && !s->linger.l_linger)
			tcp_abort(ts->pcb);
		/* Unread data stays unacknowledged to lwIP, which then resets, as Linux. */
		else if (tcp_close(ts->pcb) != ERR_OK)
			tcp_abort(ts->pcb);
	}
	free_rx(ts);
	alloc_free(alloc_default(), ts);
}

static void tcp_sock_release(struct socket *s)
{
	LOCK_TCPIP_CORE();
	close_locked(tcp_sk(s));
	UNLOCK_TCPIP_CORE();
}

static const struct socket_ops tcp_ops = {
	.bind = tcp_sock_bind,
	.connect = tcp_sock_connect,
	.listen = tcp_sock_listen,
	.accept = tcp_sock_accept,
	.sendmsg = tcp_sock_sendmsg,
	.recvmsg = tcp_sock_recvmsg,
	.shutdown = tcp_sock_shutdown,
	.getname = tcp_sock_getname,
	.setsockopt = tcp_sock_setsockopt,
	.getsockopt = tcp_sock_getsockopt,
	.poll = tcp_sock_poll,
	.ioctl = tcp_sock_ioctl,
	.release = tcp_sock_release,
};
