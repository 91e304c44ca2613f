/* AF_UNIX sockets: what unix.c and unix_names.c share. */
#ifndef TESSERA_SOCKET_UNIX_H
#define TESSERA_SOCKET_UNIX_H

#include <tessera/list.h>
#include <tessera/socket.h>

#define UNIX_MAX_FDS  253 /* SCM_MAX_FD: descriptors in one message */
#define UNIX_PATH_LEN 108

/* A socket's name: a path in the file system, or abstract bytes (path[0] == '\0'). */
struct unix_name {
	int len; /* bytes of path that count (a path's NUL included); 0: unnamed */
	char path[UNIX_PATH_LEN + 1];
	uint64_t dev, ino; /* a path's socket inode, once resolved */
};

enum unix_state { UNIX_UNCONNECTED, UNIX_LISTENING, UNIX_CONNECTED };

struct unix_msg {
	struct list_head link;
	size_t len, offset; /* bytes, and bytes already read */
	struct file **files; /* SCM_RIGHTS, delivered with the first byte read */
	int nr_files;
	struct unix_name from; /* datagrams: the sender's name */
	char data[];
};

struct unix_sock {
	struct socket *sock;
	enum unix_state state;
	/* Stream: the other end.  Datagram: where send() without an address goes. */
	struct unix_sock *peer;
	bool peer_gone; /* the peer closed */
	bool shut_rd, shut_wr;
	struct list_head rx; /* of struct unix_msg */
	size_t rx_bytes;
	struct unix_name name;
	struct list_head bound_link;
	struct list_head all_link;
	/* Listening: connections not yet accepted; on such a queue: accept_link. */
	struct list_head accept_queue;
	struct list_head accept_link;
	int backlog, nr_pending;
	struct ucred cred, peer_cred;
};

/* An application's sockaddr_un as a name: -EINVAL when malformed.  len 2: unnamed. */
int unix_name_from(const struct sock_addr *addr, int len, struct unix_name *name);
/* The name as a sockaddr_un; its length. */
int unix_name_to(const struct unix_name *name, struct sock_addr *addr);
/* Bind: create a path's socket inode (-EADDRINUSE if the path exists). May sleep. */
int unix_name_create(struct unix_name *name);
/* Connect/send: find a path's socket inode (-ENOENT, -ECONNREFUSED, ...).  May sleep. */
int unix_name_resolve(struct unix_name *name);
/* Interrupts off: u takes its name (-EADDRINUSE for an abstract name in use). */
int unix_name_register(struct unix_sock *u);
void unix_name_unregister(struct unix_sock *u);
/* Interrupts off: the socket bound to a resolved name: -ECONNREFUSED, -EPROTOTYPE. */
int unix_name_find(const struct unix_name *name, int type, struct unix_sock **out);

#endif
