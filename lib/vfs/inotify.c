/*
 * inotify: watches on inodes, and the events the VFS reports as it changes
 * files (the fsnotify_* calls in the other parts of lib/vfs).  An event is
 * queued for the watches on the inode itself and, with the file's name, for
 * those on its directory (that one first, as Linux).  A directory watch
 * knows its directory by the canonical path it was added by; an open file
 * by the path it was opened by, so an event of a file renamed while open
 * carries its old name, and one of a file unlinked while open reaches only
 * the file's own watches (as if the directory's had IN_EXCL_UNLINK).  Changes that the host makes
 * in a 9p folder are not seen (as with Linux's 9p client).
 */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/inotify.h>
#include <linux/poll.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/restart.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/waitq.h>
#include "at.h"
#include "vfs_internal.h"

#define MAX_QUEUED_EVENTS 16384 /* Linux's fs.inotify.max_queued_events */
#define IN_MASK_CREATE	  0x10000000
#define WATCH_BITS	  (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK)
#define ALL_INOTIFY_BITS                                                                           \
	(WATCH_BITS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW |      \
	 IN_MASK_ADD | IN_MASK_CREATE | IN_ISDIR)

struct inotify {
	struct list_head events;
	size_t nr_events, bytes;
	int last_wd;
	struct waitq readable;
};

struct event {
	struct list_head link;
	struct inotify_event e; /* e.len: the name's padded length */
};

struct watch {
	struct inotify *in;
	struct inode *inode; /* one reference */
	char *path;	     /* canonical, to know a directory's children by */
	int wd;
	uint32_t mask;
	struct list_head link;
};

static LIST_HEAD(watches);
static uint32_t last_cookie;

static struct event *tail(struct inotify *in)
{
	return list_empty(&in->events) ? NULL : list_entry(in->events.prev, struct event, link);
}

/* Identical to the last event queued: merged into it, as Linux does. */
static bool repeats(struct inotify *in, int wd, uint32_t mask, uint32_t cookie, const char *name,
		    size_t len)
{
	struct event *t = tail(in);

	return t && t->e.wd == wd && t->e.mask == mask && t->e.cookie == cookie &&
	       (len ? t->e.len && !strncmp(t->e.name, name, len) && !t->e.name[len] : !t->e.len);
}

static void queue(struct inotify *in, int wd, uint32_t mask, uint32_t cookie, const char *name,
		  size_t len)
{
	size_t padded = len ? ALIGN_UP(len + 1, sizeof(struct inotify_event)) : 0;
	struct event *ev;

	if (repeats(in, wd, mask, cookie, name, len))
		return;
	if (in->nr_events >= MAX_QUEUED_EVENTS) {
		if (tail(in)->e.mask == IN_Q_OVERFLOW)
			return;
		wd = -1, mask = IN_Q_OVERFLOW, cookie = 0, len = padded = 0;
	}
	ev = alloc_calloc(alloc_default(), 1, sizeof(*ev) + padded);
	if (!ev)
		return; /* as an event lost to a full queue */
	ev->e = (struct inotify_event){.wd = wd, .mask = mask, .cookie = cookie, .len = padded};
	memcpy(ev->e.name, name, len);
	list_add_tail(&ev->link, &in->events);
	in->nr_events++;
	in->bytes += sizeof(ev->e) + padded;
	waitq_wake_all(&in->readable);
}

static void watch_free(struct watch *w)
{
	list_del(&w->link);
	inode_put(w->inode);
	alloc_free(alloc_default(), w->path);
	alloc_free(alloc_default(), w);
}

/* The watch goes: IN_IGNORED tells its reader so. */
static void watch_remove(struct watch *w)
{
	queue(w->in, w->wd, IN_IGNORED, 0, NULL, 0);
	watch_free(w);
}

static void deliver(struct watch *w, uint32_t mask, uint32_t cookie, const char *name, size_t len)
{
	if (!(w->mask & mask & IN_ALL_EVENTS))
		return;
	queue(w->in, w->wd, mask & (w->mask | IN_ISDIR), cookie, name, len);
	if (w->mask & IN_ONESHOT)
		watch_remove(w);
}

static uint32_t with_type(const struct inode *inode, uint32_t mask)
{
	return is_dir(inode) ? mask | IN_ISDIR : mask;
}

void fsnotify_inode(struct inode *inode, uint32_t mask)
{
	struct watch *w, *tmp;

	if (list_empty(&watches))
		return;
	mask = with_type(inode, mask);
	list_for_each_entry_safe (w, tmp, &watches, link) {
		if (w->inode == inode)
			deliver(w, mask, 0, NULL, 0);
	}
}

void fsnotify_entry(struct inode *dir, uint32_t mask, const char *name, size_t len, uint32_t cookie)
{
	struct watch *w, *tmp;

	list_for_each_entry_safe (w, tmp, &watches, link) {
		if (w->inode == dir)
			deliver(w, mask, cookie, name, len);
	}
}

void fsnotify_file(struct inode *inode, const char *canonical, uint32_t mask)
{
	const char *slash = strrchr(canonical, '/');
	size_t dir_len = slash == canonical ? 1 : (size_t)(slash - canonical);
	struct watch *w, *tmp;

	if (list_empty(&watches))
		return;
	/* Files without a name of their own (memfds, O_TMPFILE) have no directory to tell. */
	if (slash && slash[1] && inode->attr.nlink) {
		list_for_each_entry_safe (w, tmp, &watches, link) {
			if (is_dir(w->inode) && strlen(w->path) == dir_len &&
			    !strncmp(w->path, canonical, dir_len))
				deliver(w, with_type(inode, mask), 0, slash + 1, strlen(slash + 1));
		}
	}
	fsnotify_inode(inode, mask);
}

bool fsnotify_watched(const struct inode *inode)
{
	struct watch *w;

	list_for_each_entry (w, &watches, link) {
		if (w->inode == inode)
			return true;
	}
	return false;
}

void fsnotify_gone(struct inode *inode, uint32_t mask)
{
	struct watch *w, *tmp;

	list_for_each_entry_safe (w, tmp, &watches, link) {
		if (w->inode != inode)
			continue;
		if (w->mask & mask & IN_ALL_EVENTS)
			queue(w->in, w->wd, with_type(inode, mask), 0, NULL, 0);
		watch_remove(w);
	}
}

void fsnotify_unmount(const struct super_block *sb)
{
	struct watch *w, *tmp;

	list_for_each_entry_safe (w, tmp, &watches, link) {
		if (w->inode->sb == sb) {
			queue(w->in, w->wd, IN_UNMOUNT, 0, NULL, 0);
			watch_remove(w);
		}
	}
}

uint32_t fsnotify_cookie(void)
{
	return ++last_cookie ?: ++last_cookie;
}

/* Whole events only: a buffer too small for the first is -EINVAL. */
static ssize_t inotify_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	struct inotify *in = file->private;
	irq_flags_t flags = irq_save();
	size_t done = 0;
	struct event *ev;

	(void)pos;
	while (list_empty(&in->events)) {
		if (file->flags & O_NONBLOCK) {
			irq_restore(flags);
			return -EAGAIN;
		}
		if (waitq_wait_interruptible(&in->readable, 0) == -EINTR) {
			irq_restore(flags);
			return -ERESTARTSYS;
		}
	}
	irq_restore(flags);
	while (!list_empty(&in->events)) {
		size_t size;

		ev = list_entry(in->events.next, struct event, link);
		size = sizeof(ev->e) + ev->e.len;
		if (size > len - done)
			break;
		if (copy_to_user((char *)buf + done, &ev->e, size))
			return done ? (ssize_t)done : -EFAULT;
		done += size;
		list_del(&ev->link);
		in->nr_events--;
		in->bytes -= size;
		alloc_free(alloc_default(), ev);
	}
	return done ? (ssize_t)done : -EINVAL;
}

static unsigned int inotify_poll(struct file *file, struct poll_table *pt)
{
	struct inotify *in = file->private;

	poll_wait(pt, &in->readable);
	return list_empty(&in->events) ? 0 : POLLIN | POLLRDNORM;
}

static long inotify_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct inotify *in = file->private;
	int n = in->bytes;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return copy_to_user((void *)arg, &n, sizeof(n));
}

/* The instance goes with its watches and what was never read. */
static void inotify_release(struct file *file)
{
	struct inotify *in = file->private;
	struct watch *w, *tmp;
	struct event *ev, *next;

	list_for_each_entry_safe (w, tmp, &watches, link) {
		if (w->in == in)
			watch_free(w);
	}
	list_for_each_entry_safe (ev, next, &in->events, link)
		alloc_free(alloc_default(), ev);
	alloc_free(alloc_default(), in);
}

static const struct file_operations inotify_fops = {
	.read = inotify_read,
	.poll = inotify_poll,
	.ioctl = inotify_ioctl,
	.release = inotify_release,
};

SYSCALL_DEFINE1(inotify_init1, int, flags)
{
	struct inotify *in;
	struct file *f;
	int fd;

	if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	in = alloc_calloc(alloc_default(), 1, sizeof(*in));
	if (!in)
		return -ENOMEM;
	list_init(&in->events);
	waitq_init(&in->readable);
	f = anon_file_new("inotify", &inotify_fops, in, O_RDONLY | (flags & IN_NONBLOCK));
	if (!f) {
		alloc_free(alloc_default(), in);
		return -ENOMEM;
	}
	fd = fd_install(f, 0, flags & IN_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE0(inotify_init)
{
	return sys_inotify_init1(0);
}

/* The instance open on fd (one reference in *f), or -EBADF / -EINVAL. */
static int instance(int fd, struct file **f)
{
	*f = fd_get(fd);
	if (!*f)
		return -EBADF;
	if ((*f)->fops != &inotify_fops) {
		file_put(*f);
		return -EINVAL;
	}
	return 0;
}

static struct watch *find_watch(const struct inotify *in, const struct inode *inode, int wd)
{
	struct watch *w;

	list_for_each_entry (w, &watches, link) {
		if (w->in == in && (inode ? w->inode == inode : w->wd == wd))
			return w;
	}
	return NULL;
}

/* Watch descriptors count up from 1 and are not reused soon, as Linux's. */
static long add_watch(struct inotify *in, struct vfs_path *p, uint32_t mask)
{
	struct watch *w = find_watch(in, p->inode, 0);

	if (w) {
		if (mask & IN_MASK_CREATE)
			return -EEXIST;
		w->mask = (mask & IN_MASK_ADD ? w->mask : 0) | (mask & WATCH_BITS);
		return w->wd;
	}
	w = alloc_calloc(alloc_default(), 1, sizeof(*w));
	if (!w || !(w->path = alloc_strdup(alloc_default(), p->canonical))) {
		alloc_free(alloc_default(), w);
		return -ENOMEM;
	}
	w->in = in;
	inode_get(w->inode = p->inode);
	w->mask = mask & WATCH_BITS;
	do
		w->wd = in->last_wd = in->last_wd == INT32_MAX ? 1 : in->last_wd + 1;
	while (find_watch(in, NULL, w->wd));
	list_add_tail(&w->link, &watches);
	return w->wd;
}

SYSCALL_DEFINE3(inotify_add_watch, int, fd, const char *, user_path, uint32_t, mask)
{
	struct at_path at;
	struct vfs_path p;
	struct file *f;
	long err;

	if (!(mask & ALL_INOTIFY_BITS) || ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE)))
		return -EINVAL;
	err = instance(fd, &f);
	if (err)
		return err;
	err = at_begin(AT_FDCWD, user_path, &at);
	if (!err) {
		err = vfs_resolve(NULL, at.path, mask & IN_DONT_FOLLOW ? 0 : VFS_FOLLOW, &p);
		at_done(&at);
	}
	if (!err) {
		if (!p.inode)
			err = -ENOENT;
		else if ((mask & IN_ONLYDIR) && !is_dir(p.inode))
			err = -ENOTDIR;
		else
			err = add_watch(f->private, &p, mask);
		vfs_path_release(&p);
	}
	file_put(f);
	return err;
}

SYSCALL_DEFINE2(inotify_rm_watch, int, fd, int, wd)
{
	struct watch *w;
	struct file *f;
	int err = instance(fd, &f);

	if (err)
		return err;
	w = find_watch(f->private, NULL, wd);
	if (w)
		watch_remove(w);
	file_put(f);
	return w ? 0 : -EINVAL;
}
