/* Open files: reference counted, shared by dup()ed descriptors. */
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
	inode_get(inode);
	return f;
}

void file_get(struct file *f)
{
	f->refcount++;
}

void file_put(struct file *f)
{
	if (--f->refcount > 0)
		return;
	flock_release(f);
	if (f->fops && f->fops->release)
		f->fops->release(f);
	inode_put(f->inode);
	alloc_free(alloc_default(), f->path);
	alloc_free(alloc_default(), f);
}
