/* Open files: reference counted, shared by dup()ed descriptors. */
#include <linux/fcntl.h>
#include <linux/inotify.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/vfs.h>
#include "vfs_internal.h"

struct file *file_new(struct inode *inode, unsigned int flags, const char *path)
{
	struct file *f = alloc_calloc(alloc_default(), 1, sizeof(*f));

	if (!f)
		return NULL;
	f->path = alloc_strdup(alloc_default(), path);
	if (!f->path) {
		alloc_free(alloc_default(), f);
		return NULL;
	}
	f->inode = inode;
	f->fops = inode->fops;
	f->flags = flags;
	f->refcount = 1;
	list_init(&f->watches);
	inode_get(inode);
	return f;
}

void file_get(struct file *f)
{
	f->refcount++;
}

void file_put(struct file *f)
{
	struct file_watch *w;

	if (--f->refcount > 0)
		return;
	if (!(f->flags & O_PATH))
		fsnotify_file(f->inode, f->path,
			      (f->flags & O_ACCMODE) == O_RDONLY ? IN_CLOSE_NOWRITE
								 : IN_CLOSE_WRITE);
	while ((w = list_first_entry_or_null(&f->watches, struct file_watch, link))) {
		list_del(&w->link);
		w->release(w);
	}
	flock_release(f);
	if (f->fops && f->fops->release)
		f->fops->release(f);
	inode_put(f->inode);
	alloc_free(alloc_default(), f->path);
	alloc_free(alloc_default(), f);
}

void file_watch_add(struct file *f, struct file_watch *w)
{
	list_add_tail(&w->link, &f->watches);
}

void file_watch_remove(struct file_watch *w)
{
	list_del(&w->link);
}
