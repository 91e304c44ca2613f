/*
 * Epoll instances and their items: creation, the file's poll and release
 * methods, the wake-up callback and the harvest of ready events.  See
 * epoll_internal.h for the design.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "epoll_internal.h"

/* One callback entry of an item, on one of its file's wait queues. */
struct ep_wait {
	struct wait_entry entry;
	struct epitem *item;
	struct ep_wait *next;
};

/* What an item's first poll is given: poll_wait() puts a callback entry on each queue. */
struct ep_queue {
	struct poll_table table;
	struct epitem *item;
	bool out_of_memory;
};

static const struct file_operations eventpoll_fops;

bool is_epoll_file(const struct file *f)
{
	return f->fops == &eventpoll_fops;
}

/* Something may be ready: wake one waiter (each takes what it can), and the pollers. */
static void ep_wake(struct eventpoll *ep)
{
	waitq_wake_one(&ep->wq);
	waitq_wake_all_key(&ep->poll_wq, POLLIN);
}

static void ep_mark_ready(struct epitem *epi)
{
	if (list_empty(&epi->ready_link)) {
		list_add_tail(&epi->ready_link, &epi->ep->ready);
		ep_wake(epi->ep);
	}
}

static void item_woken(struct wait_entry *e, unsigned long key)
{
	struct epitem *epi = container_of(e, struct ep_wait, entry)->item;

	if (!(epi->events & ~EP_PRIVATE_BITS))
		return; /* a one-shot item, disarmed */
	if (key && !(key & epi->events))
		return; /* not what it waits for */
	ep_mark_ready(epi);
}

static void ep_queue_wait(struct poll_table *table, struct waitq *wq)
{
	struct ep_queue *q = container_of(table, struct ep_queue, table);
	struct ep_wait *w = alloc_malloc(alloc_default(), sizeof(*w));

	if (!w) {
		q->out_of_memory = true;
		return;
	}
	w->item = q->item;
	w->next = q->item->waits;
	q->item->waits = w;
	waitq_add_callback(wq, &w->entry, item_woken);
}

/* The events of interest ready on the item's file now. */
static unsigned int item_poll(struct epitem *epi, struct poll_table *pt)
{
	return vfs_poll(epi->file, pt) & epi->events;
}

struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct ep_node *n = ep_table_find(&ep->table, file, fd);

	return n ? container_of(n, struct epitem, node) : NULL;
}

static void item_file_released(struct file_watch *w)
{
	struct epitem *epi = container_of(w, struct epitem, watch);
	struct eventpoll *ep = epi->ep;
	irq_flags_t flags = irq_save();

	mutex_lock(&ep->mtx);
	ep_remove(epi);
	mutex_unlock(&ep->mtx);
	irq_restore(flags);
}

struct eventpoll *ep_of_watch(struct file_watch *w)
{
	return w->release == item_file_released ? container_of(w, struct epitem, watch)->ep : NULL;
}

int ep_insert(struct eventpoll *ep, struct file *file, int fd, const struct epoll_event *ev)
{
	struct epitem *epi = alloc_calloc(alloc_default(), 1, sizeof(*epi));
	struct ep_queue q = {.table.queue = ep_queue_wait, .item = epi};

	if (!epi)
		return -ENOMEM;
	epi->node.file = file;
	epi->node.fd = fd;
	if (ep_table_add(&ep->table, &epi->node)) {
		alloc_free(alloc_default(), epi);
		return -ENOMEM;
	}
	list_add_tail(&epi->item_link, &ep->items);
	list_init(&epi->ready_link);
	epi->watch.release = item_file_released;
	file_watch_add(file, &epi->watch);
	epi->ep = ep;
	epi->file = file;
	epi->events = ev->events;
	epi->data = ev->data;
	if (item_poll(epi, &q.table))
		ep_mark_ready(epi);
	if (q.out_of_memory) {
		ep_remove(epi);
		return -ENOMEM;
	}
	return 0;
}

void ep_modify(struct epitem *epi, const struct epoll_event *ev)
{
	epi->events = ev->events;
	epi->data = ev->data;
	if (item_poll(epi, NULL))
		ep_mark_ready(epi);
}

void ep_remove(struct epitem *epi)
{
	struct ep_wait *w, *next;

	for (w = epi->waits; w; w = next) {
		next = w->next;
		waitq_remove(&w->entry);
		alloc_free(alloc_default(), w);
	}
	file_watch_remove(&epi->watch);
	ep_table_del(&epi->ep->table, &epi->node);
	list_del(&epi->item_link);
	list_del(&epi->ready_link);
	alloc_free(alloc_default(), epi);
}

int ep_harvest(struct eventpoll *ep, struct epoll_event *events, int max)
{
	LIST_HEAD(batch);
	struct epitem *epi;
	int n = 0;

	/* Callbacks during the copies (a page fault may sleep) add to ep->ready, not to batch. */
	list_splice_tail(&ep->ready, &batch);
	while (n < max && (epi = list_first_entry_or_null(&batch, struct epitem, ready_link))) {
		struct epoll_event ev = {.data = epi->data};

		list_del(&epi->ready_link);
		ev.events = item_poll(epi, NULL);
		if (!ev.events)
			continue; /* no longer ready: the next wake-up brings it back */
		if (copy_to_user(&events[n], &ev, sizeof(ev))) {
			if (list_empty(&epi->ready_link))
				list_add(&epi->ready_link, &batch);
			if (!n)
				n = -EFAULT;
			break;
		}
		n++;
		if (epi->events & EPOLLONESHOT)
			epi->events &= EP_PRIVATE_BITS;
		else if (!(epi->events & EPOLLET) && list_empty(&epi->ready_link))
			list_add_tail(&epi->ready_link, &ep->ready);
	}
	/* What was not looked at goes back in front of what became ready meanwhile. */
	list_splice_tail(&ep->ready, &batch);
	list_splice_tail(&batch, &ep->ready);
	if (!list_empty(&ep->ready))
		waitq_wake_one(&ep->wq);
	return n;
}

/* Readable while one of the items really has an event; the others leave the ready list. */
static unsigned int eventpoll_poll(struct file *file, struct poll_table *pt)
{
	struct eventpoll *ep = file->private;
	struct epitem *epi, *tmp;

	poll_wait(pt, &ep->poll_wq);
	list_for_each_entry_safe(epi, tmp, &ep->ready, ready_link) {
		if (item_poll(epi, NULL))
			return POLLIN | POLLRDNORM;
		list_del(&epi->ready_link);
	}
	return 0;
}

static void eventpoll_release(struct file *file)
{
	struct eventpoll *ep = file->private;
	irq_flags_t flags = irq_save();
	struct epitem *epi;

	waitq_wake_all(&ep->poll_wq); /* pollers must not keep entries on a freed queue */
	mutex_lock(&ep->mtx);
	while ((epi = list_first_entry_or_null(&ep->items, struct epitem, item_link)))
		ep_remove(epi);
	mutex_unlock(&ep->mtx);
	irq_restore(flags);
	ep_table_free(&ep->table);
	alloc_free(alloc_default(), ep);
}

static const struct file_operations eventpoll_fops = {
	.poll = eventpoll_poll,
	.release = eventpoll_release,
};

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	struct eventpoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = alloc_calloc(alloc_default(), 1, sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	mutex_init(&ep->mtx);
	waitq_init(&ep->wq);
	waitq_init(&ep->poll_wq);
	list_init(&ep->ready);
	list_init(&ep->items);
	ep_table_init(&ep->table);
	ep->file = anon_file_new("[eventpoll]", &eventpoll_fops, ep, O_RDWR);
	if (!ep->file) {
		alloc_free(alloc_default(), ep);
		return -ENOMEM;
	}
	fd = fd_install(ep->file, 0, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		file_put(ep->file);
	return fd;
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}
