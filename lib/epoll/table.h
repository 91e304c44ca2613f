/*
 * epoll's interest table: items by (file, descriptor), as Linux keys them,
 * in a hash table on the descriptor that doubles as it fills.  Portable
 * (host unit tests).
 */
#ifndef LIB_EPOLL_TABLE_H
#define LIB_EPOLL_TABLE_H

#include <tessera/list.h>

struct ep_node {
	struct list_head link;
	const void *file;
	int fd;
};

struct ep_table {
	struct list_head *buckets; /* NULL until the first item */
	unsigned int size;         /* buckets: a power of two */
	unsigned int count;
};

void ep_table_init(struct ep_table *t);
/* The node of (file, fd), or NULL. */
struct ep_node *ep_table_find(const struct ep_table *t, const void *file, int fd);
/* Add n (its file and fd set, not yet in t): 0, or -ENOMEM for the first bucket array. */
int ep_table_add(struct ep_table *t, struct ep_node *n);
void ep_table_del(struct ep_table *t, struct ep_node *n);
/* Free the buckets (the table must be empty). */
void ep_table_free(struct ep_table *t);

#endif
