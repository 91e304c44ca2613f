/*
 * Special files on any file system, as Linux's init_special_inode: a FIFO
 * is a pipe local to this kernel (also on 9p); a character device is the
 * driver registered for its number, whichever node names it (devfs's own,
 * or one made by mknod); block devices, sockets and anonymous files
 * (eventfd, epoll, ...: no file type) cannot be opened, as on Linux.
 */
#include <errno.h>
#include <linux/stat.h>
#include <tessera/alloc.h>
#include "vfs_internal.h"

struct chrdev {
	uint64_t rdev;
	const struct file_operations *fops;
	struct list_head link;
};

static LIST_HEAD(chrdevs);

int vfs_register_chrdev(uint64_t rdev, const struct file_operations *fops)
{
	struct chrdev *c = alloc_malloc(alloc_default(), sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->rdev = rdev;
	c->fops = fops;
	list_add_tail(&c->link, &chrdevs);
	return 0;
}

static const struct file_operations *chrdev_fops(uint64_t rdev)
{
	struct chrdev *c;

	list_for_each_entry (c, &chrdevs, link) {
		if (c->rdev == rdev)
			return c->fops;
	}
	return NULL;
}

int special_open(struct file *f)
{
	uint32_t type = f->inode->attr.mode & S_IFMT;

	if (!type)
		return -ENXIO; /* an anonymous file, reached through /proc/self/fd: never opened */
	if (type != S_IFIFO && type != S_IFCHR && type != S_IFBLK && type != S_IFSOCK)
		return 0;
	f->fops = NULL; /* not the file system's: its data is not there */
	switch (type) {
	case S_IFIFO:
		return fifo_open(f);
	case S_IFCHR:
		f->fops = chrdev_fops(f->inode->attr.rdev);
		return f->fops ? 0 : -ENXIO;
	default:
		return -ENXIO;
	}
}
