/* epoll's interest table; see table.h. */
#include <errno.h>
#include <tessera/alloc.h>
#include "table.h"

#define FIRST_SIZE 16

void ep_table_init(struct ep_table *t)
{
	*t = (struct ep_table){0};
}

static struct list_head *bucket(const struct ep_table *t, int fd)
{
	return &t->buckets[(unsigned int)fd & (t->size - 1)];
}

struct ep_node *ep_table_find(const struct ep_table *t, const void *file, int fd)
{
	struct ep_node *n;

	if (!t->buckets)
		return NULL;
	list_for_each_entry(n, bucket(t, fd), link) {
		if (n->file == file && n->fd == fd)
			return n;
	}
	return NULL;
}

/* Move every node into size new buckets; false (nothing changed) without memory. */
static bool rehash(struct ep_table *t, unsigned int size)
{
	struct list_head *old = t->buckets, *node;
	unsigned int old_size = t->size;

	t->buckets = alloc_malloc(alloc_default(), size * sizeof(*t->buckets));
	if (!t->buckets) {
		t->buckets = old;
		return false;
	}
	t->size = size;
	for (unsigned int i = 0; i < size; i++)
		list_init(&t->buckets[i]);
	for (unsigned int i = 0; i < old_size; i++) {
		while ((node = list_pop_front(&old[i]))) {
			struct ep_node *n = list_entry(node, struct ep_node, link);

			list_add_tail(&n->link, bucket(t, n->fd));
		}
	}
	alloc_free(alloc_default(), old);
	return true;
}

int ep_table_add(struct ep_table *t, struct ep_node *n)
{
	if (!t->buckets && !rehash(t, FIRST_SIZE))
		return -ENOMEM;
	if (t->count >= t->size)
		rehash(t, 2 * t->size); /* without memory, chains just grow longer */
	list_add_tail(&n->link, bucket(t, n->fd));
	t->count++;
	return 0;
}

void ep_table_del(struct ep_table *t, struct ep_node *n)
{
	list_del(&n->link);
	t->count--;
}

void ep_table_free(struct ep_table *t)
{
	alloc_free(alloc_default(), t->buckets);
	ep_table_init(t);
}
