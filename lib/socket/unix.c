/*
 * AF_UNIX sockets: stream and datagram, named in the file system (a socket
 * inode at the path) or in the abstract name space (a name starting with a
 * NUL byte), connected pairs, and descriptors passed with SCM_RIGHTS.
 *
 * Data travels as messages queued on the receiver: a datagram is one
 * message; a stream is read across messages, except that a read stops at a
 * message carrying descriptors, as Linux's does.  The sender is held back
 * while the receiver's queue holds its send buffer's worth.  A stream
 * connect queues a new server-side socket on the listener, already
 * connected, for accept() to take.
 *
 * All state is guarded by masking interrupts (one CPU, like pipes): the
 * check of a condition and the sleep on the socket's wait queue happen in
 * one critical section.
 */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/poll.h>
#include <linux/sockios.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/boot.h>
#include <tessera/fdtable.h>
#include <tessera/process.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "socket_internal.h"
#include "unix.h"

#define UNIX_CHUNK_MAX (64 * 1024) /* the largest message a stream write queues at once */

static LIST_HEAD(all_sockets); /* every AF_UNIX socket, to drop datagram peers that close */

static const struct socket_ops unix_ops;

static struct unix_sock *unix_sk(struct socket *s)
{
	return s->priv;
}

static struct unix_sock *unix_sock_alloc(struct socket *s)
{
	struct unix_sock *u = alloc_calloc(alloc_default(), 1, sizeof(*u));
	irq_flags_t flags;

	if (!u)
		return NULL;
	u->sock = s;
	list_init(&u->rx);
	list_init(&u->accept_queue);
	list_init(&u->accept_link);
	list_init(&u->bound_link);
	u->cred = (struct ucred){process_pid(), 0, 0};
	s->priv = u;
	s->ops = &unix_ops;
	flags = irq_save();
	list_add_tail(&u->all_link, &all_sockets);
	irq_restore(flags);
	return u;
}

static int unix_create(struct socket *s)
{
	if (s->type != SOCK_STREAM && s->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (s->protocol && s->protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	return unix_sock_alloc(s) ? 0 : -ENOMEM;
}

/* Interrupts off: sleep on s until woken or the deadline.  0, -EAGAIN or -EINTR. */
static int unix_wait(struct socket *s, int flags, uint64_t deadline)
{
	return flags & MSG_DONTWAIT ? -EAGAIN : socket_wait(s, deadline);
}

static void msg_free(struct unix_msg *m)
{
	for (int i = 0; i < m->nr_files; i++)
		file_put(m->files[i]);
	alloc_free(alloc_default(), m->files);
	alloc_free(alloc_default(), m);
}

/* Free queued messages (after the critical section: closing files may close sockets). */
static void free_list(struct list_head *list)
{
	struct list_head *node;

	while ((node = list_pop_front(list)))
		msg_free(list_entry(node, struct unix_msg, link));
}

/* Descriptors of SCM_RIGHTS messages among the control data, as file references. */
static int take_rights(const struct sock_msg *m, struct file ***files, int *nr)
{
	size_t off = 0;

	*files = NULL;
	*nr = 0;
	while (off + sizeof(struct cmsghdr) <= m->controllen) {
		const struct cmsghdr *c = (const void *)((const char *)m->control + off);
		int n, *fds;

		if (c->cmsg_len < sizeof(*c) || off + c->cmsg_len > m->controllen)
			return -EINVAL;
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			if (*nr + n > UNIX_MAX_FDS)
				return -ETOOMANYREFS;
			*files = alloc_realloc(alloc_default(), *files, (*nr + n) * sizeof(**files));
			if (!*files && n)
				return -ENOMEM;
			fds = (int *)CMSG_DATA(c);
			for (int i = 0; i < n; i++) {
				(*files)[*nr] = fd_get(fds[i]);
				if (!(*files)[*nr])
					return -EBADF;
				(*nr)++;
			}
		} else if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_CREDENTIALS) {
			return -EINVAL;
		}
		off += CMSG_ALIGN(c->cmsg_len);
	}
	return 0;
}

static void put_files(struct file **files, int nr)
{
	for (int i = 0; i < nr; i++)
		file_put(files[i]);
	alloc_free(alloc_default(), files);
}

/* Interrupts off. */
static struct unix_msg *msg_new(size_t len)
{
	struct unix_msg *m = alloc_malloc(alloc_default(), sizeof(*m) + len);

	if (m) {
		memset(m, 0, sizeof(*m));
		m->len = len;
	}
	return m;
}

static void enqueue(struct unix_sock *to, struct unix_msg *m)
{
	list_add_tail(&m->link, &to->rx);
	to->rx_bytes += m->len;
	socket_wake(to->sock, SOCKET_READABLE);
}

/* Give the receiving program the descriptors m carries, as a control message. */
static void deliver_rights(struct unix_msg *m, struct sock_msg *out, int flags)
{
	size_t room = out->controllen - MIN(out->controllen, out->control_used);
	int fit = room >= CMSG_LEN(sizeof(int)) ? (room - CMSG_LEN(0)) / sizeof(int) : 0;
	int fds[UNIX_MAX_FDS], n = 0;

	for (int i = 0; i < m->nr_files; i++) {
		int fd = i < fit ? fd_install(m->files[i], 0, flags & MSG_CMSG_CLOEXEC) : -1;

		if (fd >= 0)
			fds[n++] = fd; /* the table took the reference */
		else
			file_put(m->files[i]);
	}
	if (n < m->nr_files)
		out->flags |= MSG_CTRUNC;
	if (n)
		sock_msg_put_cmsg(out, SOL_SOCKET, SCM_RIGHTS, fds, n * sizeof(int));
	alloc_free(alloc_default(), m->files);
	m->files = NULL;
	m->nr_files = 0;
}

/* Names. ------------------------------------------------------------------ */

static int unix_bind(struct socket *s, const struct sock_addr *addr, int len)
{
	struct unix_sock *u = unix_sk(s);
	struct unix_name name;
	irq_flags_t flags;
	int err = unix_name_from(addr, len, &name);

	if (err)
		return err;
	if (name.len == 0 || u->name.len)
		return -EINVAL; /* autobind (an empty name) is not supported */
	err = unix_name_create(&name);
	if (err)
		return err;
	flags = irq_save();
	if (u->name.len) {
		err = -EINVAL; /* bound by another thread meanwhile */
	} else {
		u->name = name;
		err = unix_name_register(u);
		if (err)
			u->name.len = 0;
	}
	irq_restore(flags);
	return err;
}

static int unix_getname(struct socket *s, struct sock_addr *addr, int *len, bool peer)
{
	struct unix_sock *u = unix_sk(s);
	irq_flags_t flags = irq_save();
	int err = 0;

	if (peer && !u->peer)
		err = -ENOTCONN;
	else
		*len = unix_name_to(peer ? &u->peer->name : &u->name, addr);
	irq_restore(flags);
	return err;
}

/* Connections. ------------------------------------------------------------ */

static int stream_connect(struct unix_sock *u, struct unix_sock *server, int flags)
{
	struct socket *ns = socket_new_accepted(server->sock);
	struct unix_sock *nu = ns ? unix_sock_alloc(ns) : NULL;
	uint64_t deadline = socket_deadline(u->sock->sndtimeo_ns);
	int err = 0;

	if (!nu) {
		alloc_free(alloc_default(), ns);
		return -ENOMEM;
	}
	while (server->state == UNIX_LISTENING && server->nr_pending >= server->backlog) {
		err = unix_wait(server->sock, flags, deadline);
		if (err)
			break;
	}
	if (!err && server->state != UNIX_LISTENING)
		err = -ECONNREFUSED;
	if (!err && u->state != UNIX_UNCONNECTED)
		err = -EISCONN; /* connected by another thread meanwhile */
	if (err) {
		socket_free(ns);
		return err;
	}
	nu->name = server->name;
	nu->state = u->state = UNIX_CONNECTED;
	nu->peer = u;
	u->peer = nu;
	nu->peer_cred = u->cred;
	u->peer_cred = nu->cred;
	list_add_tail(&nu->accept_link, &server->accept_queue);
	server->nr_pending++;
	socket_wake(server->sock, SOCKET_READABLE);
	return 0;
}

static int unix_connect(struct socket *s, const struct sock_addr *addr, int len)
{
	struct unix_sock *u = unix_sk(s), *target;
	struct unix_name name;
	irq_flags_t flags;
	int err;

	/* Datagram sockets dissolve their association with AF_UNSPEC. */
	if (s->type == SOCK_DGRAM && len >= (int)sizeof(addr->family) &&
	    addr->family == AF_UNSPEC) {
		flags = irq_save();
		u->peer = NULL;
		irq_restore(flags);
		return 0;
	}
	err = unix_name_from(addr, len, &name);
	if (!err && !name.len)
		err = -EINVAL;
	if (!err)
		err = unix_name_resolve(&name);
	if (err)
		return err;
	flags = irq_save();
	err = unix_name_find(&name, s->type, &target);
	if (err)
		goto out;
	if (s->type == SOCK_DGRAM) {
		u->peer = target;
		u->peer_cred = target->cred;
	} else if (u->state == UNIX_CONNECTED) {
		err = -EISCONN;
	} else if (u->state == UNIX_LISTENING) {
		err = -EINVAL;
	} else if (target->state != UNIX_LISTENING) {
		err = -ECONNREFUSED;
	} else {
		err = stream_connect(u, target, socket_nonblocking(s) ? MSG_DONTWAIT : 0);
	}
out:
	irq_restore(flags);
	return err;
}

static int unix_listen(struct socket *s, int backlog)
{
	struct unix_sock *u = unix_sk(s);
	irq_flags_t flags;
	int err = 0;

	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	flags = irq_save();
	if (!u->name.len || u->state == UNIX_CONNECTED)
		err = -EINVAL;
	else {
		u->state = UNIX_LISTENING;
		u->backlog = backlog;
		socket_wake(s, SOCKET_WRITABLE); /* connectors waiting for room */
	}
	irq_restore(flags);
	return err;
}

static int unix_accept(struct socket *s, struct socket **out)
{
	struct unix_sock *u = unix_sk(s);
	uint64_t deadline = socket_deadline(s->rcvtimeo_ns);
	irq_flags_t flags;
	struct list_head *node;
	int err = 0;

	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	flags = irq_save();
	while (!err && u->state == UNIX_LISTENING && list_empty(&u->accept_queue))
		err = unix_wait(s, socket_nonblocking(s) ? MSG_DONTWAIT : 0, deadline);
	if (!err && u->state != UNIX_LISTENING)
		err = -EINVAL;
	if (!err) {
		node = list_pop_front(&u->accept_queue);
		u->nr_pending--;
		*out = list_entry(node, struct unix_sock, accept_link)->sock;
		socket_wake(s, SOCKET_WRITABLE); /* a connector may wait for room in the backlog */
	}
	irq_restore(flags);
	return err;
}

/* Data. ------------------------------------------------------------------- */

/* Interrupts off: why a stream cannot take data now (a negative errno), or 0. */
static int stream_send_error(struct unix_sock *u)
{
	if (u->state != UNIX_CONNECTED)
		return -ENOTCONN;
	if (u->shut_wr || !u->peer || u->peer->shut_rd)
		return -EPIPE;
	return 0;
}

static ssize_t stream_send(struct unix_sock *u, struct sock_msg *m, int flags,
			   struct file **files, int nr_files)
{
	uint64_t deadline = socket_deadline(u->sock->sndtimeo_ns);
	size_t done = 0;
	ssize_t ret = 0;

	while (done < m->len || (!m->len && !done && nr_files)) {
		struct unix_msg *msg;
		size_t room, chunk;

		ret = stream_send_error(u);
		if (ret)
			break;
		room = u->sock->sndbuf > (int)u->peer->rx_bytes ? u->sock->sndbuf - u->peer->rx_bytes
							       : 0;
		if (!room) {
			ret = unix_wait(u->sock, flags, deadline);
			if (ret)
				break;
			continue;
		}
		chunk = MIN(MIN(m->len - done, room), (size_t)UNIX_CHUNK_MAX);
		msg = msg_new(chunk);
		if (!msg) {
			ret = -ENOBUFS;
			break;
		}
		ret = sock_msg_copy_from(m, msg->data, chunk);
		if (ret < 0) {
			alloc_free(alloc_default(), msg);
			break;
		}
		msg->files = files;
		msg->nr_files = nr_files;
		files = NULL;
		nr_files = 0;
		enqueue(u->peer, msg);
		done += chunk;
		if (!m->len)
			break;
	}
	if (files)
		put_files(files, nr_files);
	return done ? (ssize_t)done : ret;
}

/* name: the destination given (resolved), or NULL for the connected peer. */
static ssize_t dgram_send(struct unix_sock *u, struct sock_msg *m, int flags,
			  const struct unix_name *name, struct file **files, int nr_files)
{
	uint64_t deadline = socket_deadline(u->sock->sndtimeo_ns);
	struct unix_sock *to = u->peer;
	struct unix_msg *msg;
	ssize_t ret = 0;

	if ((int)m->len > u->sock->sndbuf - 32)
		ret = -EMSGSIZE;
	while (!ret) {
		if (name)
			ret = unix_name_find(name, SOCK_DGRAM, &to);
		else if (!to)
			ret = u->peer_gone ? -ECONNREFUSED : -ENOTCONN;
		if (ret)
			break;
		if (u->shut_wr || to->shut_rd) {
			ret = -EPIPE;
			break;
		}
		if (to->rx_bytes + m->len <= (size_t)to->sock->rcvbuf)
			break;
		ret = unix_wait(to->sock, flags, deadline);
		to = u->peer;
	}
	if (ret) {
		put_files(files, nr_files);
		return ret;
	}
	msg = msg_new(m->len);
	if (!msg) {
		put_files(files, nr_files);
		return -ENOBUFS;
	}
	ret = sock_msg_copy_from(m, msg->data, m->len);
	if (ret < 0) {
		alloc_free(alloc_default(), msg);
		put_files(files, nr_files);
		return ret;
	}
	msg->from = u->name;
	msg->files = files;
	msg->nr_files = nr_files;
	enqueue(to, msg);
	return m->len;
}

static ssize_t unix_sendmsg(struct socket *s, struct sock_msg *m, int flags)
{
	struct unix_sock *u = unix_sk(s);
	bool to_name = s->type == SOCK_DGRAM && m->addr;
	struct unix_name name;
	struct file **files;
	irq_flags_t irq;
	ssize_t ret;
	int nr;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (to_name) {
		ret = unix_name_from(m->addr, m->addrlen, &name);
		if (!ret && !name.len)
			ret = -EINVAL;
		if (!ret)
			ret = unix_name_resolve(&name);
		if (ret)
			return ret;
	}
	ret = take_rights(m, &files, &nr);
	if (ret) {
		put_files(files, nr);
		return ret;
	}
	irq = irq_save();
	if (s->type == SOCK_STREAM)
		ret = m->addr && u->state != UNIX_CONNECTED ? -EOPNOTSUPP
							    : stream_send(u, m, flags, files, nr);
	else
		ret = dgram_send(u, m, flags, to_name ? &name : NULL, files, nr);
	irq_restore(irq);
	return ret;
}

static bool stream_eof(const struct unix_sock *u)
{
	return u->shut_rd || u->peer_gone || (u->peer && u->peer->shut_wr);
}

/* The queued message holding byte pos after the read position, and where in it. */
static struct unix_msg *msg_at(struct unix_sock *u, size_t pos, size_t *at)
{
	struct unix_msg *msg;

	list_for_each_entry(msg, &u->rx, link) {
		size_t left = msg->len - msg->offset;

		if (pos < left) {
			*at = msg->offset + pos;
			return msg;
		}
		pos -= left;
	}
	return NULL;
}

/* n bytes of msg were read: its descriptors go to the reader; a finished message goes. */
static void consume(struct unix_sock *u, struct unix_msg *msg, size_t n, struct sock_msg *m,
		    int flags)
{
	if (msg->nr_files)
		deliver_rights(msg, m, flags);
	msg->offset += n;
	u->rx_bytes -= n;
	if (msg->offset == msg->len || u->sock->type == SOCK_DGRAM) {
		u->rx_bytes -= msg->len - msg->offset;
		list_del(&msg->link);
		msg_free(msg);
	}
	if (u->peer)
		socket_wake(u->peer->sock, SOCKET_WRITABLE); /* room for the writer */
}

static ssize_t stream_recv(struct unix_sock *u, struct sock_msg *m, int flags)
{
	uint64_t deadline = socket_deadline(u->sock->rcvtimeo_ns);
	size_t done = 0, at;
	ssize_t ret = 0;

	if (u->state != UNIX_CONNECTED)
		return -EINVAL;
	while (done < m->len) {
		struct unix_msg *msg = msg_at(u, flags & MSG_PEEK ? done : 0, &at);
		bool rights;

		if (!msg) {
			if ((done && !(flags & MSG_WAITALL)) || stream_eof(u))
				break;
			ret = unix_wait(u->sock, flags, deadline);
			if (ret)
				break;
			continue;
		}
		if (msg->nr_files && done)
			break; /* descriptors start a read of their own */
		ret = sock_msg_copy_to(m, msg->data + at, MIN(m->len - done, msg->len - at));
		if (ret < 0)
			break;
		done += ret;
		rights = msg->nr_files > 0;
		if (!(flags & MSG_PEEK))
			consume(u, msg, ret, m, flags);
		if (rights)
			break;
	}
	return done ? (ssize_t)done : ret;
}

static ssize_t dgram_recv(struct unix_sock *u, struct sock_msg *m, int flags)
{
	uint64_t deadline = socket_deadline(u->sock->rcvtimeo_ns);
	struct unix_msg *msg;
	ssize_t ret;

	while (!(msg = list_first_entry_or_null(&u->rx, struct unix_msg, link))) {
		if (u->shut_rd)
			return 0;
		ret = unix_wait(u->sock, flags, deadline);
		if (ret)
			return ret;
	}
	ret = sock_msg_copy_to(m, msg->data, MIN(m->len, msg->len));
	if (ret < 0)
		return ret;
	if (msg->len > m->len)
		m->flags |= MSG_TRUNC;
	if (m->addr)
		m->addrlen = msg->from.len ? unix_name_to(&msg->from, m->addr) : 0;
	if (flags & MSG_TRUNC)
		ret = msg->len;
	if (!(flags & MSG_PEEK))
		consume(u, msg, MIN(m->len, msg->len), m, flags);
	return ret;
}

static ssize_t unix_recvmsg(struct socket *s, struct sock_msg *m, int flags)
{
	irq_flags_t irq;
	ssize_t ret;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	irq = irq_save();
	if (s->type == SOCK_STREAM)
		ret = stream_recv(unix_sk(s), m, flags);
	else
		ret = dgram_recv(unix_sk(s), m, flags);
	irq_restore(irq);
	return ret;
}

static int unix_shutdown(struct socket *s, int how)
{
	struct unix_sock *u = unix_sk(s);
	irq_flags_t flags = irq_save();
	int err = 0;

	if (s->type == SOCK_STREAM && u->state != UNIX_CONNECTED) {
		err = -ENOTCONN;
	} else {
		u->shut_rd |= how != SHUT_WR;
		u->shut_wr |= how != SHUT_RD;
		socket_wake(s, SOCKET_STATE);
		if (u->peer)
			socket_wake(u->peer->sock, SOCKET_STATE);
	}
	irq_restore(flags);
	return err;
}

static unsigned int unix_poll(struct socket *s, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(s);
	unsigned int mask = 0;

	(void)pt;
	if (u->state == UNIX_LISTENING)
		return list_empty(&u->accept_queue) ? 0 : POLLIN | POLLRDNORM;
	if (!list_empty(&u->rx))
		mask |= POLLIN | POLLRDNORM;
	if (s->type == SOCK_STREAM) {
		if (u->state != UNIX_CONNECTED || u->peer_gone || (u->shut_rd && u->shut_wr))
			mask |= POLLHUP;
		if (stream_eof(u) && u->state == UNIX_CONNECTED)
			mask |= POLLIN | POLLRDNORM | POLLRDHUP;
		if (!u->peer || u->peer->rx_bytes < (size_t)s->sndbuf)
			mask |= POLLOUT | POLLWRNORM;
	} else {
		if (u->shut_rd)
			mask |= POLLIN | POLLRDNORM | POLLRDHUP;
		if (!u->peer || u->peer->rx_bytes < (size_t)u->peer->sock->rcvbuf)
			mask |= POLLOUT | POLLWRNORM;
	}
	return mask;
}

static long unix_ioctl(struct socket *s, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_sk(s);
	irq_flags_t flags = irq_save();
	struct unix_msg *first = list_first_entry_or_null(&u->rx, struct unix_msg, link);
	int v;

	switch (cmd) {
	case SIOCINQ:
		if (u->state == UNIX_LISTENING)
			v = -EINVAL;
		else if (s->type == SOCK_DGRAM)
			v = first ? first->len : 0; /* the next datagram, as Linux */
		else
			v = u->rx_bytes;
		break;
	case SIOCOUTQ:
		v = u->peer ? u->peer->rx_bytes : 0;
		break;
	default:
		v = -ENOTTY;
	}
	irq_restore(flags);
	if (v < 0)
		return v;
	return copy_to_user((void *)arg, &v, sizeof(v));
}

static int unix_getsockopt(struct socket *s, int level, int name, void *val, int *len)
{
	struct unix_sock *u = unix_sk(s);
	struct ucred cred;
	int v;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (name == SO_PEERCRED) {
		cred = u->peer || u->state == UNIX_CONNECTED ? u->peer_cred
							      : (struct ucred){0, -1, -1};
		*len = MIN(*len, (int)sizeof(cred));
		memcpy(val, &cred, *len);
		return 0;
	}
	if (name != SO_ACCEPTCONN)
		return -ENOPROTOOPT;
	v = u->state == UNIX_LISTENING;
	*len = MIN(*len, (int)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static int unix_setsockopt(struct socket *s, int level, int name, const void *val, int len)
{
	(void)s, (void)name, (void)val, (void)len;
	return level == SOL_SOCKET ? -ENOPROTOOPT : -EOPNOTSUPP;
}

/* Interrupts off: u goes away; whoever pointed at it learns so.  Its queue moves to dead. */
static void unix_detach(struct unix_sock *u, struct list_head *dead)
{
	struct unix_sock *other, *pending, *next;

	if (u->name.len)
		unix_name_unregister(u);
	list_del(&u->all_link);
	list_for_each_entry_safe(pending, next, &u->accept_queue, accept_link) {
		list_del(&pending->accept_link);
		unix_detach(pending, dead);
		alloc_free(alloc_default(), pending->sock);
		alloc_free(alloc_default(), pending);
	}
	list_for_each_entry(other, &all_sockets, all_link) {
		if (other->peer == u) {
			other->peer = NULL;
			other->peer_gone = true;
			socket_wake(other->sock, SOCKET_STATE);
		}
	}
	list_splice_tail(&u->rx, dead);
	list_init(&u->rx);
	u->state = UNIX_UNCONNECTED;
}

static void unix_release(struct socket *s)
{
	struct unix_sock *u = unix_sk(s);
	LIST_HEAD(dead);
	irq_flags_t flags = irq_save();

	unix_detach(u, &dead);
	irq_restore(flags);
	free_list(&dead);
	alloc_free(alloc_default(), u);
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);
	irq_flags_t flags = irq_save();

	ua->peer = ub;
	ub->peer = ua;
	ua->state = ub->state = UNIX_CONNECTED;
	ua->peer_cred = ub->cred;
	ub->peer_cred = ua->cred;
	irq_restore(flags);
	return 0;
}

static const struct socket_ops unix_ops = {
	.bind = unix_bind,
	.connect = unix_connect,
	.listen = unix_listen,
	.accept = unix_accept,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
	.shutdown = unix_shutdown,
	.getname = unix_getname,
	.setsockopt = unix_setsockopt,
	.getsockopt = unix_getsockopt,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.release = unix_release,
};

static struct socket_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
	.socketpair = unix_socketpair,
};

static int unix_init(void)
{
	socket_register_family(&unix_family);
	return 0;
}
INITCALL(unix_init, INIT_LIB);
