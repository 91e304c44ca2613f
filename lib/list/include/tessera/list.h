/*
 * Intrusive circular doubly-linked lists, in the style of Linux's list.h.
 *
 * A struct list_head is embedded in each element; the list itself is a
 * struct list_head whose next/prev point back at it when empty.  Used as a
 * FIFO queue with list_add_tail() and list_pop_front().
 */
#ifndef TESSERA_LIST_H
#define TESSERA_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <tessera/compiler.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) {&(name), &(name)}
#define LIST_HEAD(name)      struct list_head name = LIST_HEAD_INIT(name)

static inline void list_init(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline void list_insert_between(struct list_head *node, struct list_head *prev,
				       struct list_head *next)
{
	next->prev = node;
	node->next = next;
	node->prev = prev;
	prev->next = node;
}

/* Insert right after head: stack order. */
static inline void list_add(struct list_head *node, struct list_head *head)
{
	list_insert_between(node, head, head->next);
}

/* Insert before head, at the end: queue order. */
static inline void list_add_tail(struct list_head *node, struct list_head *head)
{
	list_insert_between(node, head->prev, head);
}

/* Unlink node and make it an empty list, so that a second list_del() is harmless. */
static inline void list_del(struct list_head *node)
{
	node->next->prev = node->prev;
	node->prev->next = node->next;
	list_init(node);
}

/* Move node (on some list) to the front of head's list. */
static inline void list_move(struct list_head *node, struct list_head *head)
{
	list_del(node);
	list_add(node, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline size_t list_length(const struct list_head *head)
{
	size_t n = 0;

	for (const struct list_head *p = head->next; p != head; p = p->next)
		n++;
	return n;
}

/* Move every node of list to the end of head, leaving list empty. */
static inline void list_splice_tail(struct list_head *list, struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head->prev;
	head->prev->next = list->next;
	list->prev->next = head;
	head->prev = list->prev;
	list_init(list);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)

#define list_first_entry_or_null(head, type, member)                                               \
	(list_empty(head) ? NULL : list_entry((head)->next, type, member))

/* Remove and return the first node, or NULL when the list is empty. */
static inline struct list_head *list_pop_front(struct list_head *head)
{
	struct list_head *node;

	if (list_empty(head))
		return NULL;
	node = head->next;
	list_del(node);
	return node;
}

#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_entry(pos, head, member)                                                     \
	for (pos = list_entry((head)->next, __typeof__(*pos), member); &pos->member != (head);     \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_reverse(pos, head, member)                                             \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member); &pos->member != (head);     \
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))

/* Safe against removal of pos inside the loop. */
#define list_for_each_entry_safe(pos, tmp, head, member)                                           \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),                             \
	    tmp = list_entry(pos->member.next, __typeof__(*pos), member);                          \
	     &pos->member != (head);                                                               \
	     pos = tmp, tmp = list_entry(tmp->member.next, __typeof__(*tmp), member))

#endif /* TESSERA_LIST_H */
