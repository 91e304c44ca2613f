/* Inodes: reference counting, numbering, and the current time for timestamps. */
#include <tessera/alloc.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include <tessera/vfs.h>
#include "vfs_internal.h"

static uint64_t next_ino = 1;
static uint64_t next_dev = 1;

uint64_t vfs_new_ino(void)
{
	return next_ino++;
}

uint64_t vfs_new_dev(void)
{
	return next_dev++;
}

struct vfs_timespec vfs_now(void)
{
	uint64_t ns = realtime_ns();

	return (struct vfs_timespec){ns / NSEC_PER_SEC, ns % NSEC_PER_SEC};
}

struct inode *inode_new(struct super_block *sb, uint32_t mode)
{
	struct inode *inode = alloc_calloc(alloc_default(), 1, sizeof(*inode));

	if (!inode)
		return NULL;
	inode->sb = sb;
	inode->refcount = 1;
	inode->attr.ino = vfs_new_ino();
	inode->attr.mode = mode;
	inode->attr.nlink = 1;
	inode->attr.blksize = 4096;
	inode->attr.atime = inode->attr.mtime = inode->attr.ctime = vfs_now();
	return inode;
}

void inode_get(struct inode *inode)
{
	inode->refcount++;
}

void inode_put(struct inode *inode)
{
	if (!inode || --inode->refcount > 0)
		return;
	if (inode->iops && inode->iops->evict)
		inode->iops->evict(inode);
	alloc_free(alloc_default(), inode);
}

int inode_refresh(struct inode *inode)
{
	return inode->iops && inode->iops->getattr ? inode->iops->getattr(inode) : 0;
}
