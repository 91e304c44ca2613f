/* What lib/socket's files share. */
#ifndef TESSERA_SOCKET_INTERNAL_H
#define TESSERA_SOCKET_INTERNAL_H

#include <tessera/socket.h>

#define SOCKET_OPTVAL_MAX 256 /* the largest option value passed on */
#define SOCKET_IOV_MAX    1024 /* UIO_MAXIOV */
#define SOCKET_CONTROL_MAX (64 * 1024)

struct socket_family *socket_family(int family);
/* Give s an open file at the lowest free descriptor: the descriptor, or a negative errno. */
int socket_install(struct socket *s, int flags);

/* The family's sendmsg/recvmsg with MSG_DONTWAIT set for a non-blocking socket. */
ssize_t socket_sendmsg(struct socket *s, struct sock_msg *m, int flags);
ssize_t socket_recvmsg(struct socket *s, struct sock_msg *m, int flags);

/* SOL_SOCKET options every family shares. */
void socket_options_init(struct socket *s);
int socket_set_common(struct socket *s, int name, const void *val, int len);
int socket_get_common(struct socket *s, int name, void *val, int *len);

#endif
