/* ramfs instances and inodes. */
#include <errno.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include "ramfs_internal.h"

#define RAMFS_MAGIC 0x858458f6

static const struct inode_operations ramfs_special_iops = {
	.setattr = ramfs_common_setattr,
};

static void *new_dir(void)
{
	struct ramfs_dir *d = alloc_calloc(alloc_default(), 1, sizeof(*d));

	if (d) {
		list_init(&d->entries);
		d->next_cookie = 2; /* after "." and ".." */
	}
	return d;
}

struct inode *ramfs_new_inode(struct super_block *sb, uint32_t mode)
{
	struct inode *inode = inode_new(sb, mode);

	if (!inode)
		return NULL;
	switch (mode & 0170000) {
	case 0040000:
		inode->private = new_dir();
		inode->iops = &ramfs_dir_iops;
		inode->fops = &ramfs_dir_fops;
		inode->attr.nlink = 2;
		break;
	case 0100000:
		inode->private = alloc_calloc(alloc_default(), 1, sizeof(struct ramfs_file));
		inode->iops = &ramfs_file_iops;
		inode->fops = &ramfs_file_fops;
		break;
	case 0120000:
		inode->iops = &ramfs_symlink_iops; /* private: the target, set by symlink() */
		return inode;
	default:
		inode->iops = &ramfs_special_iops; /* fifos, sockets, devices: attributes only */
		return inode;
	}
	if (!inode->private) {
		inode_put(inode);
		return NULL;
	}
	return inode;
}

int ramfs_common_setattr(struct inode *inode, const struct vfs_attr *attr, unsigned int mask)
{
	struct vfs_attr *a = &inode->attr;

	if (mask & VFS_SET_SIZE) {
		int err = ramfs_file_resize(inode, attr->size);

		if (err)
			return err;
	}
	if (mask & VFS_SET_MODE)
		a->mode = (a->mode & 0170000) | (attr->mode & 07777);
	if (mask & VFS_SET_UID)
		a->uid = attr->uid;
	if (mask & VFS_SET_GID)
		a->gid = attr->gid;
	if (mask & VFS_SET_ATIME)
		a->atime = attr->atime;
	if (mask & VFS_SET_MTIME)
		a->mtime = (mask & VFS_SET_SIZE) && !(mask & VFS_SET_ATIME) ? vfs_now() : attr->mtime;
	a->ctime = vfs_now();
	return 0;
}

static int ramfs_mount(const char *source, const char *options, struct inode **root)
{
	struct super_block *sb = alloc_calloc(alloc_default(), 1, sizeof(*sb));

	(void)source;
	(void)options;
	if (!sb)
		return -ENOMEM;
	sb->dev = vfs_new_dev();
	*root = ramfs_new_inode(sb, 0040755);
	if (!*root) {
		alloc_free(alloc_default(), sb);
		return -ENOMEM;
	}
	return 0;
}

static struct filesystem ramfs = {.name = "ramfs", .magic = RAMFS_MAGIC, .mount = ramfs_mount};
static struct filesystem tmpfs = {.name = "tmpfs", .magic = 0x01021994, .mount = ramfs_mount};

static int ramfs_init(void)
{
	vfs_register_filesystem(&ramfs);
	vfs_register_filesystem(&tmpfs);
	return 0;
}
INITCALL(ramfs_init, INIT_LIB);
