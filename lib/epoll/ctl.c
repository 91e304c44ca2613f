/*
 * epoll_ctl: adding, changing and removing items, with Linux's checks in
 * Linux's order.  Adding an instance to another must neither close a loop
 * nor nest instances more than EP_MAX_NESTS deep, counting both what lies
 * below the one added and what lies above the one added to (-ELOOP).
 */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "epoll_internal.h"

/* What EPOLLEXCLUSIVE may be combined with. */
#define EXCLUSIVE_OK_BITS                                                                          \
	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

/* Each check visits an instance once: the generation marks it, loop_depth remembers. */
static unsigned int loop_gen;

static int max(int a, int b)
{
	return a > b ? a : b;
}

/* How deep instances nest below ep, or more than EP_MAX_NESTS if target is among them. */
static int depth_below(struct eventpoll *ep, const struct eventpoll *target, int depth)
{
	struct epitem *epi;
	int result = 0;

	if (ep->loop_gen == loop_gen)
		return ep->loop_depth;
	ep->loop_gen = loop_gen;
	list_for_each_entry(epi, &ep->items, item_link) {
		struct eventpoll *child;

		if (!is_epoll_file(epi->file))
			continue;
		child = epi->file->private;
		if (child == target || depth > EP_MAX_NESTS)
			result = EP_MAX_NESTS + 1;
		else
			result = max(result, depth_below(child, target, depth + 1) + 1);
		if (result > EP_MAX_NESTS)
			break;
	}
	ep->loop_depth = result;
	return result;
}

/* How deep ep lies below the instances that watch it. */
static int depth_above(struct eventpoll *ep)
{
	struct file_watch *w;
	int result = 0;

	if (ep->loop_gen == loop_gen)
		return ep->loop_depth;
	list_for_each_entry(w, &ep->file->watches, link) {
		struct eventpoll *parent = ep_of_watch(w);

		if (parent)
			result = max(result, depth_above(parent) + 1);
	}
	ep->loop_gen = loop_gen;
	ep->loop_depth = result;
	return result;
}

static bool would_loop(struct eventpoll *ep, struct eventpoll *added)
{
	int below;

	loop_gen++;
	below = depth_below(added, ep, 0);
	return below > EP_MAX_NESTS || below + 1 + depth_above(ep) > EP_MAX_NESTS;
}

/* The operation itself, on an instance whose mutex is held. */
static long change(struct eventpoll *ep, int op, struct file *f, int fd, struct epoll_event *ev)
{
	struct epitem *epi = ep_find(ep, f, fd);

	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		ev->events |= EPOLLERR | EPOLLHUP;
		return ep_insert(ep, f, fd, ev);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->events & EPOLLEXCLUSIVE)
			return -EINVAL;
		ev->events |= EPOLLERR | EPOLLHUP;
		ep_modify(epi, ev);
		return 0;
	default:
		return -EINVAL;
	}
}

static long ctl(struct file *epf, int op, struct file *f, int fd, struct epoll_event *ev)
{
	struct eventpoll *ep = epf->private;
	bool has_event = op != EPOLL_CTL_DEL;
	long ret;

	if (!vfs_can_poll(f))
		return -EPERM;
	if (epf == f || !is_epoll_file(epf))
		return -EINVAL;
	if (has_event && (ev->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD && (is_epoll_file(f) || (ev->events & ~EXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	if (op == EPOLL_CTL_ADD && is_epoll_file(f) && would_loop(ep, f->private))
		return -ELOOP;
	mutex_lock(&ep->mtx);
	ret = change(ep, op, f, fd, ev);
	mutex_unlock(&ep->mtx);
	return ret;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event *, event)
{
	struct epoll_event ev;
	struct file *epf, *f;
	irq_flags_t flags;
	long ret = -EBADF;

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, event, sizeof(ev)))
		return -EFAULT;
	epf = fd_get(epfd);
	f = epf ? fd_get(fd) : NULL;
	if (f) {
		flags = irq_save();
		ret = ctl(epf, op, f, fd, &ev);
		irq_restore(flags);
	}
	if (f)
		file_put(f);
	if (epf)
		file_put(epf);
	return ret;
}
