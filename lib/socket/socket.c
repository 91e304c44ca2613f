/*
 * Sockets as files: each socket is an inode of the socket pseudo file
 * system (S_IFSOCK, "socket:[ino]") with one open file; read and write are
 * recvmsg and sendmsg with one buffer, poll and ioctl go to the family, and
 * the last close releases the socket.  Families register here.
 */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/fmt.h>
#include <tessera/plat/time.h>
#include <tessera/restart.h>
#include <tessera/signal.h>
#include <tessera/socket.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "socket_internal.h"

#define SOCKFS_DEV 8 /* Linux's sockfs is an anonymous device too */

static struct super_block sockfs_sb = {.dev = SOCKFS_DEV};
static struct socket_family *families[AF_MAX];
static long (*interface_ioctl)(unsigned int cmd, unsigned long arg);

void socket_register_family(struct socket_family *f)
{
	families[f->family] = f;
}

void socket_register_interface_ioctl(long (*handler)(unsigned int cmd, unsigned long arg))
{
	interface_ioctl = handler;
}

struct socket_family *socket_family(int family)
{
	return family >= 0 && family < AF_MAX ? families[family] : NULL;
}

static struct socket *socket_alloc(int family, int type, int protocol)
{
	struct socket *s = alloc_calloc(alloc_default(), 1, sizeof(*s));

	if (!s)
		return NULL;
	s->family = family;
	s->type = type;
	s->protocol = protocol;
	waitq_init(&s->wq);
	socket_options_init(s);
	return s;
}

int socket_create(int family, int type, int protocol, struct socket **out)
{
	struct socket_family *f = socket_family(family);
	struct socket *s;
	int err;

	if (!f)
		return -EAFNOSUPPORT;
	s = socket_alloc(family, type, protocol);
	if (!s)
		return -ENOMEM;
	err = f->create(s);
	if (err) {
		alloc_free(alloc_default(), s);
		return err;
	}
	*out = s;
	return 0;
}

struct socket *socket_new_accepted(struct socket *s)
{
	return socket_alloc(s->family, s->type, s->protocol);
}

void socket_free(struct socket *s)
{
	if (s->ops && s->ops->release)
		s->ops->release(s);
	alloc_free(alloc_default(), s);
}

uint64_t socket_deadline(uint64_t timeout_ns)
{
	return timeout_ns ? plat_clock_ns() + timeout_ns : 0;
}

int socket_wait(struct socket *s, uint64_t deadline)
{
	int err = waitq_wait_interruptible(&s->wq, deadline);

	if (err == -ETIMEDOUT)
		return -EAGAIN;
	/* As Linux's sock_intr_errno: only a wait without a timeout restarts (SA_RESTART). */
	if (err == -EINTR && !deadline)
		return -ERESTARTSYS;
	return err;
}

void socket_wake(struct socket *s, unsigned int events)
{
	waitq_wake_all_key(&s->wq, events);
}

static struct socket *file_socket(struct file *f)
{
	return f->private;
}

static ssize_t sock_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	struct iovec iov = {buf, len};

	(void)pos;
	return socket_recv_iov(file_socket(f), &iov, 1, 0);
}

static ssize_t sock_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct iovec iov = {(void *)buf, len};

	(void)pos;
	return socket_send_iov(file_socket(f), &iov, 1, 0);
}

static unsigned int sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *s = file_socket(f);

	poll_wait(pt, &s->wq);
	return s->ops->poll(s, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *s = file_socket(f);
	long ret = s->ops->ioctl ? s->ops->ioctl(s, cmd, arg) : -ENOTTY;

	if (ret == -ENOTTY && interface_ioctl)
		ret = interface_ioctl(cmd, arg);
	return ret;
}

static void sock_release(struct file *f)
{
	struct socket *s = file_socket(f);

	s->file = NULL;
	socket_free(s);
}

static const struct file_operations socket_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release,
};

int socket_install(struct socket *s, int flags)
{
	struct inode *inode = inode_new(&sockfs_sb, 0140777);
	char name[32];
	struct file *f;
	int fd;

	if (!inode)
		return -ENOMEM;
	inode->fops = &socket_fops;
	fmt_snprintf(name, sizeof(name), "socket:[%lu]", (unsigned long)inode->attr.ino);
	f = file_new(inode, O_RDWR | (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0), name);
	inode_put(inode);
	if (!f)
		return -ENOMEM;
	f->private = s;
	s->file = f;
	fd = fd_install(f, 0, flags & SOCK_CLOEXEC);
	if (fd < 0) {
		s->file = NULL;
		f->private = NULL;
		f->fops = NULL; /* the caller still owns the socket */
		file_put(f);
	}
	return fd;
}

int socket_from_fd(int fd, struct socket **s, struct file **file)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (f->fops != &socket_fops) {
		file_put(f);
		return -ENOTSOCK;
	}
	*file = f;
	*s = f->private;
	return 0;
}

bool socket_nonblocking(const struct socket *s)
{
	return s->file && (s->file->flags & O_NONBLOCK);
}

ssize_t socket_sendmsg(struct socket *s, struct sock_msg *m, int flags)
{
	ssize_t ret = s->ops->sendmsg(s, m, flags | (socket_nonblocking(s) ? MSG_DONTWAIT : 0));

	/* A write to a connection that is gone signals, as on a pipe, unless asked not to. */
	if (ret == -EPIPE && !(flags & MSG_NOSIGNAL))
		signal_raise(SIGPIPE);
	return ret;
}

ssize_t socket_recvmsg(struct socket *s, struct sock_msg *m, int flags)
{
	return s->ops->recvmsg(s, m, flags | (socket_nonblocking(s) ? MSG_DONTWAIT : 0));
}
