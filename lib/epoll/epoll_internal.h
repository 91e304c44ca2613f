/*
 * Shared by the parts of lib/epoll.
 *
 * An epoll instance keeps an item per watched (file, descriptor).  Each item
 * has a callback entry on every wait queue the file's poll method names; a
 * wake-up of one of them (filtered by the waker's events) puts the item on
 * the instance's ready list and wakes a waiter.  epoll_wait then polls only
 * the items on that list: idle files cost nothing.  Level-triggered items go
 * back on the list after being reported, so the next wait looks at them
 * again; edge-triggered ones wait for the next wake-up; one-shot ones are
 * disarmed until EPOLL_CTL_MOD.  Everything runs with interrupts disabled,
 * since wake-ups may come from interrupt handlers; besides, the instance's
 * mutex keeps items from being changed or removed while epoll_wait copies
 * events out (a page fault there may sleep).
 */
#ifndef LIB_EPOLL_INTERNAL_H
#define LIB_EPOLL_INTERNAL_H

#include <linux/eventpoll.h>
#include <tessera/mutex.h>
#include <tessera/vfs.h>
#include <tessera/waitq.h>
#include "table.h"

/* Linux's: bits of an item's events that are modes, not events. */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
/* Epoll instances nest at most this deep below one another. */
#define EP_MAX_NESTS 4

struct eventpoll {
	struct mutex mtx;       /* held to change the items, and to harvest */
	struct waitq wq;        /* threads in epoll_wait */
	struct waitq poll_wq;   /* pollers of the instance itself: poll, select, an outer epoll */
	struct list_head ready; /* items that may have events, in the order they became so */
	struct list_head items; /* every item */
	struct ep_table table;  /* every item, by (file, fd) */
	struct file *file;      /* the instance's own file: outer instances watch it */
	unsigned int loop_gen;  /* loop checks (ctl.c): the one that last visited, and what it found */
	int loop_depth;
};

struct ep_wait;

struct epitem {
	struct ep_node node;          /* in ep->table */
	struct list_head item_link;   /* in ep->items */
	struct list_head ready_link;  /* in ep->ready; empty when not there */
	struct file_watch watch;      /* on the file: dropped with it */
	struct eventpoll *ep;
	struct file *file;            /* no reference: the watch says when it goes */
	uint32_t events;              /* asked for, EPOLLERR | EPOLLHUP and mode bits */
	uint64_t data;
	struct ep_wait *waits;        /* callback entries on the file's wait queues */
};

bool is_epoll_file(const struct file *f);

/* Items (instance.c).  Callers disable interrupts and hold ep->mtx. */
struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd);
int ep_insert(struct eventpoll *ep, struct file *file, int fd, const struct epoll_event *ev);
void ep_modify(struct epitem *epi, const struct epoll_event *ev);
void ep_remove(struct epitem *epi);
/* The instance whose item a watch is, or NULL for another kind of watch. */
struct eventpoll *ep_of_watch(struct file_watch *w);
/* Copy up to max ready events to the application; their number, or -EFAULT. */
int ep_harvest(struct eventpoll *ep, struct epoll_event *events, int max);

#endif
