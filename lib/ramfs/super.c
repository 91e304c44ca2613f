/* ramfs instances and inodes. */
#include <errno.h>
#include <tessera/alloc.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/cmdline.h>
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

/* One mount option, "name=value": the value's number in base (*suffix: what follows it). */
static int option_number(const char *value, int base, const char **suffix, uint64_t *n)
{
	return value ? cmdline_number(value, base, suffix, n) : -EINVAL;
}

/*
 * One option of tmpfs (strict) or ramfs.  mode=, uid= and gid= are the root
 * directory's; tmpfs's size=, nr_blocks= and nr_inodes= are taken, but
 * memory is the only limit here.  ramfs ignores what it does not know, as
 * Linux's; tmpfs refuses it.
 */
static int apply_option(const char *opt, size_t len, bool strict, struct vfs_attr *root)
{
	char buf[64];
	const char *value, *suffix = "";
	uint64_t n;
	int err;

	if (len >= sizeof(buf))
		return strict ? -EINVAL : 0;
	memcpy(buf, opt, len);
	buf[len] = '\0';
	value = strchr(buf, '=');
	if (value)
		buf[value++ - buf] = '\0';
	if (!strcmp(buf, "mode")) {
		err = option_number(value, 8, NULL, &n);
		root->mode = (root->mode & 0170000) | (n & 07777);
	} else if (strict && (!strcmp(buf, "uid") || !strcmp(buf, "gid"))) {
		err = option_number(value, 10, NULL, &n);
		err = err ?: n > UINT32_MAX - 1 ? -EINVAL : 0;
		*(buf[0] == 'u' ? &root->uid : &root->gid) = n;
	} else if (strict && (!strcmp(buf, "size") || !strcmp(buf, "nr_blocks") ||
			      !strcmp(buf, "nr_inodes"))) {
		/* A number with at most one unit: k, m, g, t, p, e, or % of memory. */
		err = option_number(value, 10, &suffix, &n);
		if (!err && (strlen(suffix) > 1 || (*suffix && !strchr("kKmMgGtTpPeE%", *suffix))))
			err = -EINVAL;
	} else {
		err = strict ? -EINVAL : 0;
	}
	return err;
}

static int mount_instance(const char *options, bool strict, struct inode **root)
{
	struct super_block *sb = alloc_calloc(alloc_default(), 1, sizeof(*sb));
	struct vfs_attr attr = {.mode = 0040755};
	int err = 0;

	while (!err && options && *options) {
		size_t len = strcspn(options, ",");

		err = apply_option(options, len, strict, &attr);
		options += len + (options[len] == ',');
	}
	if (err || !sb) {
		alloc_free(alloc_default(), sb);
		return err ?: -ENOMEM;
	}
	sb->dev = vfs_new_dev();
	*root = ramfs_new_inode(sb, attr.mode);
	if (!*root) {
		alloc_free(alloc_default(), sb);
		return -ENOMEM;
	}
	(*root)->attr.uid = attr.uid;
	(*root)->attr.gid = attr.gid;
	return 0;
}

static int ramfs_mount(const char *source, const char *options, struct inode **root)
{
	(void)source;
	return mount_instance(options, false, root);
}

static int tmpfs_mount(const char *source, const char *options, struct inode **root)
{
	(void)source;
	return mount_instance(options, true, root);
}

static struct filesystem ramfs = {.name = "ramfs", .magic = RAMFS_MAGIC, .mount = ramfs_mount};
struct filesystem ramfs_tmpfs = {.name = "tmpfs", .magic = 0x01021994, .mount = tmpfs_mount};

static int ramfs_init(void)
{
	vfs_register_filesystem(&ramfs);
	vfs_register_filesystem(&ramfs_tmpfs);
	return 0;
}
INITCALL(ramfs_init, INIT_LIB);
