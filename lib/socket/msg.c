/*
 * Messages between the application's buffers and a family: iovec walking,
 * control messages, and the one-buffer send/receive paths.
 */
#include <errno.h>
#include <string.h>
#include <tessera/socket.h>
#include <tessera/uaccess.h>
#include "socket_internal.h"

/* Copy up to len bytes between the message's buffers and buf; to_user: into the buffers. */
static ssize_t msg_copy(struct sock_msg *m, void *buf, size_t len, bool to_user)
{
	size_t done = 0;

	while (done < len && m->iov_index < m->iovcnt) {
		struct iovec *v = &m->iov[m->iov_index];
		size_t chunk = MIN(len - done, v->iov_len - m->iov_offset);
		char *user = (char *)v->iov_base + m->iov_offset;
		int err = to_user ? copy_to_user(user, (char *)buf + done, chunk)
				  : copy_from_user((char *)buf + done, user, chunk);

		if (err)
			return done ? (ssize_t)done : err;
		done += chunk;
		m->iov_offset += chunk;
		if (m->iov_offset == v->iov_len) {
			m->iov_index++;
			m->iov_offset = 0;
		}
	}
	return done;
}

ssize_t sock_msg_copy_from(struct sock_msg *m, void *dst, size_t len)
{
	return msg_copy(m, dst, len, false);
}

ssize_t sock_msg_copy_to(struct sock_msg *m, const void *src, size_t len)
{
	return msg_copy(m, (void *)src, len, true);
}

size_t sock_msg_remaining(const struct sock_msg *m)
{
	size_t left = 0;

	for (size_t i = m->iov_index; i < m->iovcnt; i++)
		left += m->iov[i].iov_len - (i == m->iov_index ? m->iov_offset : 0);
	return left;
}

void sock_msg_put_cmsg(struct sock_msg *m, int level, int type, const void *data, size_t len)
{
	struct cmsghdr *c = (struct cmsghdr *)((char *)m->control + m->control_used);
	size_t room = m->controllen - m->control_used;

	if (room < CMSG_LEN(len)) {
		m->flags |= MSG_CTRUNC;
		return;
	}
	c->cmsg_len = CMSG_LEN(len);
	c->cmsg_level = level;
	c->cmsg_type = type;
	memcpy(CMSG_DATA(c), data, len);
	m->control_used += MIN(CMSG_SPACE(len), room);
}

static void msg_init(struct sock_msg *m, struct iovec *iov, size_t iovcnt)
{
	memset(m, 0, sizeof(*m));
	m->iov = iov;
	m->iovcnt = iovcnt;
	for (size_t i = 0; i < iovcnt; i++)
		m->len += iov[i].iov_len;
}

ssize_t socket_send_iov(struct socket *s, struct iovec *iov, size_t iovcnt, int flags)
{
	struct sock_msg m;

	msg_init(&m, iov, iovcnt);
	return socket_sendmsg(s, &m, flags);
}

ssize_t socket_recv_iov(struct socket *s, struct iovec *iov, size_t iovcnt, int flags)
{
	struct sock_msg m;

	msg_init(&m, iov, iovcnt);
	return socket_recvmsg(s, &m, flags);
}
