/*
 * The socket syscalls: argument checks and copies as Linux does them, then
 * the family's operation.  Addresses come in as kernel copies of at most
 * SOCK_ADDR_MAX bytes and go out truncated to the application's room, with
 * the full length reported, as Linux does.
 */
#include <errno.h>
#include <limits.h>
#include <linux/time_types.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/plat/time.h>
#include <tessera/socket.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "socket_internal.h"

#define SOMAXCONN 4096

static int addr_from_user(struct sock_addr *addr, const void *user, int len)
{
	if (len < 0 || len > (int)sizeof(*addr))
		return -EINVAL;
	memset(addr, 0, sizeof(*addr));
	return copy_from_user(addr, user, len);
}

/* Copy an address out: at most the application's room, then the full length. */
static int addr_to_user(void *user, int *user_len, const struct sock_addr *addr, int len)
{
	int room;

	if (copy_from_user(&room, user_len, sizeof(room)))
		return -EFAULT;
	if (room < 0)
		return -EINVAL;
	if (copy_to_user(user, addr, MIN(room, len)))
		return -EFAULT;
	return copy_to_user(user_len, &len, sizeof(len));
}

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC), fd;
	struct socket *s;
	int err;

	type &= ~flags;
	if (type & ~SOCK_TYPE_MASK)
		return -EINVAL;
	err = socket_create(family, type, protocol, &s);
	if (err)
		return err;
	fd = socket_install(s, flags);
	if (fd < 0)
		socket_free(s);
	return fd;
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int *, user_fds)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC), fds[2] = {-1, -1}, err;
	struct socket *s[2] = {NULL, NULL};
	struct socket_family *f = socket_family(family);

	type &= ~flags;
	if (type & ~SOCK_TYPE_MASK)
		return -EINVAL;
	if (!f)
		return -EAFNOSUPPORT;
	err = socket_create(family, type, protocol, &s[0]);
	if (err)
		return err;
	err = socket_create(family, type, protocol, &s[1]);
	if (err)
		goto fail;
	err = f->socketpair ? f->socketpair(s[0], s[1]) : -EOPNOTSUPP;
	if (err)
		goto fail;
	for (int i = 0; i < 2; i++) {
		fds[i] = socket_install(s[i], flags);
		if (fds[i] < 0) {
			err = fds[i];
			goto fail;
		}
	}
	if (copy_to_user(user_fds, fds, sizeof(fds))) {
		err = -EFAULT;
		goto fail;
	}
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (fds[i] >= 0)
			fd_close(fds[i]);
		else if (s[i])
			socket_free(s[i]);
	}
	return err;
}

/* bind or connect: the family's operation on a kernel copy of the address. */
static long address_call(int fd, const void *user_addr, int len, bool connect)
{
	struct sock_addr addr;
	struct socket *s;
	struct file *f;
	int (*op)(struct socket *, const struct sock_addr *, int);
	int err = socket_from_fd(fd, &s, &f);

	if (err)
		return err;
	op = connect ? s->ops->connect : s->ops->bind;
	err = addr_from_user(&addr, user_addr, len);
	if (!err)
		err = op ? op(s, &addr, len) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

SYSCALL_DEFINE3(bind, int, fd, const void *, user_addr, int, len)
{
	return address_call(fd, user_addr, len, false);
}

SYSCALL_DEFINE3(connect, int, fd, const void *, user_addr, int, len)
{
	return address_call(fd, user_addr, len, true);
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	struct socket *s;
	struct file *f;
	int err = socket_from_fd(fd, &s, &f);

	if (err)
		return err;
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = s->ops->listen ? s->ops->listen(s, backlog) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

SYSCALL_DEFINE4(accept4, int, fd, void *, user_addr, int *, user_len, int, flags)
{
	struct socket *s, *new = NULL;
	struct sock_addr addr;
	struct file *f;
	int err, len = sizeof(addr), newfd;

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	err = socket_from_fd(fd, &s, &f);
	if (err)
		return err;
	err = s->ops->accept ? s->ops->accept(s, &new) : -EOPNOTSUPP;
	file_put(f);
	if (err)
		return err;
	if (user_addr) {
		err = new->ops->getname(new, &addr, &len, true);
		/* A peer already gone still has its connection accepted, as on Linux. */
		if (err == -ENOTCONN) {
			memset(&addr, 0, sizeof(addr));
			addr.family = new->family;
			len = sizeof(addr.family);
			err = 0;
		}
		if (!err)
			err = addr_to_user(user_addr, user_len, &addr, len);
		if (err) {
			socket_free(new);
			return err;
		}
	}
	newfd = socket_install(new, flags);
	if (newfd < 0)
		socket_free(new);
	return newfd;
}

SYSCALL_DEFINE3(accept, int, fd, void *, addr, int *, len)
{
	return sys_accept4(fd, addr, len, 0);
}

static long get_name(int fd, void *user_addr, int *user_len, bool peer)
{
	struct sock_addr addr;
	struct socket *s;
	struct file *f;
	int err = socket_from_fd(fd, &s, &f), len = sizeof(addr);

	if (err)
		return err;
	memset(&addr, 0, sizeof(addr));
	err = s->ops->getname(s, &addr, &len, peer);
	if (!err)
		err = addr_to_user(user_addr, user_len, &addr, len);
	file_put(f);
	return err;
}

SYSCALL_DEFINE3(getsockname, int, fd, void *, addr, int *, len)
{
	return get_name(fd, addr, len, false);
}

SYSCALL_DEFINE3(getpeername, int, fd, void *, addr, int *, len)
{
	return get_name(fd, addr, len, true);
}

SYSCALL_DEFINE6(sendto, int, fd, const void *, buf, size_t, len, unsigned int, flags,
		const void *, user_addr, int, addrlen)
{
	struct iovec iov = {(void *)buf, len};
	struct sock_msg m = {.iov = &iov, .iovcnt = 1, .len = len};
	struct sock_addr addr;
	struct socket *s;
	struct file *f;
	long err = socket_from_fd(fd, &s, &f);

	if (err)
		return err;
	if (user_addr) {
		err = addr_from_user(&addr, user_addr, addrlen);
		m.addr = &addr;
		m.addrlen = addrlen;
	}
	if (!err)
		err = socket_sendmsg(s, &m, flags);
	file_put(f);
	return err;
}

SYSCALL_DEFINE6(recvfrom, int, fd, void *, buf, size_t, len, unsigned int, flags, void *,
		user_addr, int *, user_len)
{
	struct iovec iov = {buf, len};
	struct sock_addr addr;
	struct sock_msg m = {.iov = &iov, .iovcnt = 1, .len = len, .addr = &addr};
	struct socket *s;
	struct file *f;
	long ret = socket_from_fd(fd, &s, &f);
	int err;

	if (ret)
		return ret;
	memset(&addr, 0, sizeof(addr));
	ret = socket_recvmsg(s, &m, flags);
	file_put(f);
	if (ret >= 0 && user_addr && user_len && m.addrlen) {
		err = addr_to_user(user_addr, user_len, &addr, m.addrlen);
		if (err)
			return err;
	} else if (ret >= 0 && user_addr && user_len) {
		/* No source (a connected stream): Linux reports an empty address. */
		int zero = 0;

		if (copy_to_user(user_len, &zero, sizeof(zero)))
			return -EFAULT;
	}
	return ret;
}

/* A message header from the application, its iovec array and name copied in. */
struct kernel_msg {
	struct user_msghdr hdr;
	struct iovec iov_inline[8];
	struct sock_addr addr;
	struct sock_msg m;
};

static int msg_import(struct kernel_msg *k, const struct user_msghdr *user, bool send)
{
	size_t total = 0;

	if (copy_from_user(&k->hdr, user, sizeof(k->hdr)))
		return -EFAULT;
	if (k->hdr.msg_iovlen > SOCKET_IOV_MAX)
		return -EMSGSIZE;
	memset(&k->m, 0, sizeof(k->m));
	k->m.iov = k->iov_inline;
	if (k->hdr.msg_iovlen > ARRAY_SIZE(k->iov_inline)) {
		k->m.iov = alloc_malloc(alloc_default(), k->hdr.msg_iovlen * sizeof(struct iovec));
		if (!k->m.iov)
			return -ENOMEM;
	}
	k->m.iovcnt = k->hdr.msg_iovlen;
	if (copy_from_user(k->m.iov, k->hdr.msg_iov, k->m.iovcnt * sizeof(struct iovec)))
		return -EFAULT;
	for (size_t i = 0; i < k->m.iovcnt; i++) {
		if ((ssize_t)k->m.iov[i].iov_len < 0 || (total += k->m.iov[i].iov_len) > (size_t)LONG_MAX)
			return -EINVAL;
	}
	k->m.len = total;
	memset(&k->addr, 0, sizeof(k->addr));
	k->m.addr = &k->addr;
	if (send && k->hdr.msg_name) {
		int err = addr_from_user(&k->addr, k->hdr.msg_name, k->hdr.msg_namelen);

		if (err)
			return err;
		k->m.addrlen = k->hdr.msg_namelen;
	} else if (send) {
		k->m.addr = NULL;
	}
	if (k->hdr.msg_controllen > SOCKET_CONTROL_MAX)
		return -ENOBUFS;
	if (k->hdr.msg_control && k->hdr.msg_controllen) {
		k->m.controllen = k->hdr.msg_controllen;
		k->m.control = alloc_malloc(alloc_default(), k->m.controllen);
		if (!k->m.control)
			return -ENOMEM;
		if (send && copy_from_user(k->m.control, k->hdr.msg_control, k->m.controllen))
			return -EFAULT;
	}
	return 0;
}

static void msg_release(struct kernel_msg *k)
{
	if (k->m.iov && k->m.iov != k->iov_inline)
		alloc_free(alloc_default(), k->m.iov);
	alloc_free(alloc_default(), k->m.control);
}

/* After a receive: the source address, control data and flags back into the header. */
static int msg_export(struct kernel_msg *k, struct user_msghdr *user)
{
	int namelen = 0;

	if (k->hdr.msg_name && k->m.addrlen) {
		namelen = MIN(k->hdr.msg_namelen, k->m.addrlen);
		if (namelen < 0)
			return -EINVAL;
		if (copy_to_user(k->hdr.msg_name, &k->addr, namelen))
			return -EFAULT;
		namelen = k->m.addrlen;
	}
	if (k->m.control_used && copy_to_user(k->hdr.msg_control, k->m.control, k->m.control_used))
		return -EFAULT;
	if (copy_to_user(&user->msg_namelen, &namelen, sizeof(namelen)) ||
	    copy_to_user(&user->msg_controllen, &k->m.control_used, sizeof(size_t)) ||
	    copy_to_user(&user->msg_flags, &k->m.flags, sizeof(int)))
		return -EFAULT;
	return 0;
}

static long send_one(struct socket *s, struct user_msghdr *user, unsigned int flags)
{
	struct kernel_msg k;
	long ret = msg_import(&k, user, true);

	if (!ret)
		ret = socket_sendmsg(s, &k.m, flags);
	msg_release(&k);
	return ret;
}

static long recv_one(struct socket *s, struct user_msghdr *user, unsigned int flags)
{
	struct kernel_msg k;
	long ret = msg_import(&k, user, false);
	int err;

	if (!ret)
		ret = socket_recvmsg(s, &k.m, flags);
	if (ret >= 0) {
		err = msg_export(&k, user);
		if (err)
			ret = err;
	}
	msg_release(&k);
	return ret;
}

typedef long (*one_msg_fn)(struct socket *s, struct user_msghdr *user, unsigned int flags);

static long msg_call(int fd, struct user_msghdr *msg, unsigned int flags, one_msg_fn one)
{
	struct socket *s;
	struct file *f;
	long ret = socket_from_fd(fd, &s, &f);

	if (ret)
		return ret;
	ret = one(s, msg, flags);
	file_put(f);
	return ret;
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct user_msghdr *, msg, unsigned int, flags)
{
	return msg_call(fd, msg, flags, send_one);
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr *, msg, unsigned int, flags)
{
	return msg_call(fd, msg, flags, recv_one);
}

/*
 * sendmmsg/recvmmsg: messages one after another, each length written back,
 * until vlen, an error (reported only if it came first), or the deadline
 * (0: none), which Linux looks at only between messages.
 */
static long mmsg_call(int fd, struct user_mmsghdr *vec, unsigned int vlen, unsigned int flags,
		      uint64_t deadline, one_msg_fn one)
{
	struct socket *s;
	struct file *f;
	long ret = socket_from_fd(fd, &s, &f);
	unsigned int done = 0;

	if (ret)
		return ret;
	vlen = MIN(vlen, SOCKET_IOV_MAX);
	while (done < vlen) {
		unsigned int len;

		ret = one(s, &vec[done].msg_hdr, flags);
		if (ret < 0)
			break;
		len = ret;
		if (copy_to_user(&vec[done].msg_len, &len, sizeof(len))) {
			ret = -EFAULT;
			break;
		}
		done++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (deadline && plat_clock_ns() >= deadline)
			break;
	}
	file_put(f);
	return done ? (long)done : ret;
}

SYSCALL_DEFINE4(sendmmsg, int, fd, struct user_mmsghdr *, vec, unsigned int, vlen,
		unsigned int, flags)
{
	return mmsg_call(fd, vec, vlen, flags & ~MSG_WAITFORONE, 0, send_one);
}

SYSCALL_DEFINE5(recvmmsg, int, fd, struct user_mmsghdr *, vec, unsigned int, vlen,
		unsigned int, flags, struct __kernel_timespec *, timeout)
{
	struct __kernel_timespec ts;
	uint64_t deadline = 0;

	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		deadline = plat_clock_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	return mmsg_call(fd, vec, vlen, flags, deadline, recv_one);
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	struct socket *s;
	struct file *f;
	int err;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	err = socket_from_fd(fd, &s, &f);
	if (err)
		return err;
	err = s->ops->shutdown ? s->ops->shutdown(s, how) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, name, const void *, user_val, int, len)
{
	char val[SOCKET_OPTVAL_MAX];
	struct socket *s;
	struct file *f;
	int err;

	if (len < 0)
		return -EINVAL;
	err = socket_from_fd(fd, &s, &f);
	if (err)
		return err;
	len = MIN(len, (int)sizeof(val));
	memset(val, 0, sizeof(val));
	if (copy_from_user(val, user_val, len)) {
		err = -EFAULT;
	} else if (level == SOL_SOCKET) {
		err = socket_set_common(s, name, val, len);
		/* The family sees the option too (SO_REUSEADDR, SO_KEEPALIVE, ...). */
		if (!err && s->ops->setsockopt) {
			int family_err = s->ops->setsockopt(s, level, name, val, len);

			err = family_err == -ENOPROTOOPT ? 0 : family_err;
		}
	} else {
		err = s->ops->setsockopt ? s->ops->setsockopt(s, level, name, val, len)
					 : -ENOPROTOOPT;
	}
	file_put(f);
	return err;
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, name, void *, user_val, int *, user_len)
{
	char val[SOCKET_OPTVAL_MAX];
	struct socket *s;
	struct file *f;
	int err, len;

	if (copy_from_user(&len, user_len, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	err = socket_from_fd(fd, &s, &f);
	if (err)
		return err;
	len = MIN(len, (int)sizeof(val));
	memset(val, 0, sizeof(val));
	err = s->ops->getsockopt ? s->ops->getsockopt(s, level, name, val, &len) : -ENOPROTOOPT;
	if (err == -ENOPROTOOPT && level == SOL_SOCKET)
		err = socket_get_common(s, name, val, &len);
	file_put(f);
	if (err)
		return err;
	if (copy_to_user(user_val, val, len) || copy_to_user(user_len, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
