/*
 * Sockets: the BSD socket API as Linux's x86_64 ABI defines it, over
 * protocol families that register themselves.
 *
 * This library owns the socket syscalls, the socket as a file (read, write,
 * poll, ioctl, close through the VFS, so poll/select/epoll see sockets like
 * any file), the options every socket shares (SOL_SOCKET) and the
 * conversion of the application's messages (struct msghdr, iovecs, control
 * messages).  A family (AF_UNIX here; AF_INET/AF_INET6 from a TCP/IP
 * stack such as lib/lwip) implements struct socket_ops: the stack sits
 * behind this interface and could be replaced without touching the rest.
 *
 * Families get kernel copies of addresses and option values; data moves
 * between the application's buffers and theirs with sock_msg_copy_from()
 * and sock_msg_copy_to().  Errors are negative errno values, as Linux's.
 */
#ifndef TESSERA_SOCKET_H
#define TESSERA_SOCKET_H

#include <asm/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/poll.h>
#include <linux/tcp.h>
#include <linux/uio.h>
#include <linux/un.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <tessera/waitq.h>

/* Linux's ABI values (include/linux/socket.h and net.h, which user space does not get). */
#define AF_UNSPEC  0
#define AF_UNIX    1
#define AF_INET    2
#define AF_INET6   10
#define AF_NETLINK 16
#define AF_PACKET  17
#define AF_MAX     46

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC   02000000
#define SOCK_NONBLOCK  04000

#define MSG_OOB          0x1
#define MSG_PEEK         0x2
#define MSG_DONTROUTE    0x4
#define MSG_CTRUNC       0x8
#define MSG_TRUNC        0x20
#define MSG_DONTWAIT     0x40
#define MSG_EOR          0x80
#define MSG_WAITALL      0x100
#define MSG_NOSIGNAL     0x4000
#define MSG_MORE         0x8000
#define MSG_WAITFORONE   0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

#define SOL_IP   0
#define SOL_TCP  6
#define SOL_UDP  17
#define SOL_IPV6 41

#define SCM_RIGHTS      1
#define SCM_CREDENTIALS 2

#define SOCK_ADDR_MAX 128 /* sizeof(struct sockaddr_storage) */

/* struct sockaddr_storage: room for any family's address. */
struct sock_addr {
	uint16_t family;
	char data[SOCK_ADDR_MAX - sizeof(uint16_t)];
};

/* The ABI's struct msghdr, struct mmsghdr and struct cmsghdr (x86_64). */
struct user_msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

struct user_mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};

struct cmsghdr {
	size_t cmsg_len;
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len) (((len) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define CMSG_SPACE(len) (CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(len))
#define CMSG_LEN(len)   (CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_DATA(c)    ((unsigned char *)(c) + CMSG_ALIGN(sizeof(struct cmsghdr)))

struct ucred {
	int32_t pid;
	uint32_t uid;
	uint32_t gid;
};

struct linger {
	int l_onoff;
	int l_linger;
};

/*
 * One sendmsg/recvmsg: the application's data buffers (the iovec array is
 * a kernel copy; the buffers it points to are the application's), the
 * address (kernel copy: destination to send to, or room for the source),
 * and the control data (kernel copies; receive: room the family fills with
 * sock_msg_put_cmsg()).
 */
struct sock_msg {
	struct iovec *iov;
	size_t iovcnt;
	size_t iov_index, iov_offset; /* where the next copy starts */
	size_t len;                   /* bytes in all buffers */
	struct sock_addr *addr;
	int addrlen;    /* send: given; receive: the family sets the source's length (0: none) */
	void *control;
	size_t controllen;
	size_t control_used; /* receive: bytes of control data written */
	int flags;           /* receive: MSG_TRUNC, MSG_CTRUNC, ... for msg_flags */
};

/* Copy from the message's buffers at its position, advancing it: bytes copied or -EFAULT. */
ssize_t sock_msg_copy_from(struct sock_msg *m, void *dst, size_t len);
/* Copy into the message's buffers, advancing: bytes copied (at most its room) or -EFAULT. */
ssize_t sock_msg_copy_to(struct sock_msg *m, const void *src, size_t len);
/* Bytes of room, or of data, left after the position. */
size_t sock_msg_remaining(const struct sock_msg *m);
/* Receive: append one control message; sets MSG_CTRUNC when it does not fit. */
void sock_msg_put_cmsg(struct sock_msg *m, int level, int type, const void *data, size_t len);

struct socket;
struct poll_table;

struct socket_ops {
	int (*bind)(struct socket *s, const struct sock_addr *addr, int len);
	int (*connect)(struct socket *s, const struct sock_addr *addr, int len);
	int (*listen)(struct socket *s, int backlog);
	/* A new connected socket (created with socket_new by the family) in *out. */
	int (*accept)(struct socket *s, struct socket **out);
	/* flags: MSG_*, with MSG_DONTWAIT set for non-blocking sockets. */
	ssize_t (*sendmsg)(struct socket *s, struct sock_msg *m, int flags);
	ssize_t (*recvmsg)(struct socket *s, struct sock_msg *m, int flags);
	int (*shutdown)(struct socket *s, int how);
	/* The local (peer false) or remote address; *len its length. */
	int (*getname)(struct socket *s, struct sock_addr *addr, int *len, bool peer);
	/*
	 * Options at levels other than SOL_SOCKET, and a SOL_SOCKET option
	 * the family also wants to see (after the common code took it):
	 * -ENOPROTOOPT when the family has no such option.
	 */
	int (*setsockopt)(struct socket *s, int level, int name, const void *val, int len);
	/* *len: room in, length out.  SOL_SOCKET options the family does not answer: -ENOPROTOOPT. */
	int (*getsockopt)(struct socket *s, int level, int name, void *val, int *len);
	/* Ready events (POLLIN, ...), without sleeping or taking sleeping locks. */
	unsigned int (*poll)(struct socket *s, struct poll_table *pt);
	/* ioctl commands beyond the generic ones; -ENOTTY when unknown. */
	long (*ioctl)(struct socket *s, unsigned int cmd, unsigned long arg);
	/* The last descriptor is gone: close (SO_LINGER in s->linger) and free the family's part. */
	void (*release)(struct socket *s);
};

struct socket_family {
	int family;
	/* Set up s (s->type, s->protocol given): s->ops and s->priv.  -EPROTONOSUPPORT, ... */
	int (*create)(struct socket *s);
	/* Connect a and b (both fresh, same type) to each other; NULL: -EOPNOTSUPP. */
	int (*socketpair)(struct socket *a, struct socket *b);
};

struct socket {
	const struct socket_ops *ops;
	int family;
	int type; /* SOCK_STREAM, ... */
	int protocol;
	void *priv;          /* the family's */
	struct file *file;   /* the open file holding this socket, or NULL before it has one */
	struct waitq wq;     /* woken on every change of readiness: poll and blocked calls */
	/* SOL_SOCKET options, kept here for every family. */
	uint64_t rcvtimeo_ns, sndtimeo_ns; /* 0: wait forever */
	int rcvbuf, sndbuf;                /* as getsockopt reports them (twice what was set) */
	int rcvlowat;
	bool reuseaddr, reuseport, keepalive, broadcast, passcred, oobinline;
	struct linger linger;
};

void socket_register_family(struct socket_family *f);
/*
 * For network stacks: the handler of interface ioctls (SIOCGIFCONF,
 * SIOCGIFINDEX, ...), which Linux answers on a socket of any family.
 */
void socket_register_interface_ioctl(long (*handler)(unsigned int cmd, unsigned long arg));

/* For families' accept: a socket of the same family, type and protocol as s. */
struct socket *socket_new_accepted(struct socket *s);
/* Free a socket that never got a file (the family's part first). */
void socket_free(struct socket *s);

/*
 * For kernel services (the metrics HTTP server): a socket with no
 * descriptor, driven through s->ops (bind, listen, accept) and these sends
 * and receives, which also take kernel buffers; socket_free() closes it.
 */
int socket_create(int family, int type, int protocol, struct socket **out);
/* One send or receive of the data in iov (read(), write(), send() and recv() use these too). */
ssize_t socket_send_iov(struct socket *s, struct iovec *iov, size_t iovcnt, int flags);
ssize_t socket_recv_iov(struct socket *s, struct iovec *iov, size_t iovcnt, int flags);

/* The socket open on fd, and a new reference to its file: 0, -EBADF or -ENOTSOCK. */
int socket_from_fd(int fd, struct socket **s, struct file **file);
/* Whether calls on s return -EAGAIN rather than wait (O_NONBLOCK on its file). */
bool socket_nonblocking(const struct socket *s);

/* A receive/send deadline on the monotonic clock from a timeout (0: none). */
uint64_t socket_deadline(uint64_t timeout_ns);

/*
 * Interrupts off: sleep on s's wait queue until woken, the deadline (0:
 * none) or an interruption (a signal, exit_group, execve).  0, -EAGAIN at
 * the deadline (what a receive or send timeout returns), -ERESTARTSYS
 * (no deadline) or -EINTR.
 */
int socket_wait(struct socket *s, uint64_t deadline);

/*
 * Wake everything waiting on s, saying which readiness events may have
 * changed (epoll's edge-triggered items hear only of theirs): data or a
 * connection arrived, room to write, or the connection's state (an end,
 * an error) changed.
 */
#define SOCKET_READABLE (POLLIN | POLLRDNORM)
#define SOCKET_WRITABLE (POLLOUT | POLLWRNORM)
#define SOCKET_STATE    (SOCKET_READABLE | SOCKET_WRITABLE | POLLRDHUP | POLLHUP | POLLERR)
void socket_wake(struct socket *s, unsigned int events);

#endif /* TESSERA_SOCKET_H */
