/*
 * 9p inode operations: each is one or a few exchanges with the server on
 * the fids the inodes hold.  Only attributes are kept, refreshed when the
 * VFS asks (getattr) and after a change.  New files belong to root (gid 0):
 * the unikernel's only user.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/alloc.h>
#include "p9fs.h"

static struct p9_str str(const char *name, size_t len)
{
	return (struct p9_str){name, len};
}

static uint32_t fid_of(const struct inode *inode)
{
	return p9fs_i(inode)->fid;
}

int p9fs_open_fid(struct inode *inode, uint32_t flags, uint32_t *fid)
{
	struct p9_client *c = p9fs_client(inode);
	int err = p9_walk(c, fid_of(inode), 0, NULL, fid, NULL);

	if (err)
		return err;
	err = p9_lopen(c, *fid, flags);
	if (err)
		p9_clunk(c, *fid);
	return err;
}

static int p9fs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct p9_str n = str(name, len);
	struct p9_qid qid;
	uint32_t fid;
	int err = p9_walk(p9fs_client(dir), fid_of(dir), 1, &n, &fid, &qid);

	return err ? err : p9fs_inode_get(p9fs_super(dir), fid, qid, out);
}

/* Tlcreate opens the new file on a copy of the directory's fid; the inode gets a plain walk. */
static int p9fs_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       struct inode **out)
{
	struct p9_client *c = p9fs_client(dir);
	uint32_t fid;
	int err = p9_walk(c, fid_of(dir), 0, NULL, &fid, NULL);

	if (err)
		return err;
	err = p9_lcreate(c, fid, str(name, len), O_RDONLY | O_CREAT | O_EXCL, mode & 07777, 0);
	p9_clunk(c, fid);
	return err ? err : p9fs_lookup(dir, name, len, out);
}

static int p9fs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode)
{
	return p9_mkdir(p9fs_client(dir), fid_of(dir), str(name, len), mode & 07777, 0);
}

static int p9fs_unlink(struct inode *dir, const char *name, size_t len)
{
	return p9_unlinkat(p9fs_client(dir), fid_of(dir), str(name, len), 0);
}

static int p9fs_rmdir(struct inode *dir, const char *name, size_t len)
{
	return p9_unlinkat(p9fs_client(dir), fid_of(dir), str(name, len), P9_AT_REMOVEDIR);
}

static int p9fs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		       struct inode *new_dir, const char *new_name, size_t new_len)
{
	return p9_renameat(p9fs_client(old_dir), fid_of(old_dir), str(old_name, old_len),
			   fid_of(new_dir), str(new_name, new_len));
}

static int p9fs_link(struct inode *target, struct inode *dir, const char *name, size_t len)
{
	int err = p9_link(p9fs_client(dir), fid_of(dir), fid_of(target), str(name, len));

	return err ? err : p9fs_getattr(target); /* its link count */
}

static int p9fs_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	return p9_symlink(p9fs_client(dir), fid_of(dir), str(name, len),
			  str(target, strlen(target)), 0);
}

static ssize_t p9fs_readlink(struct inode *inode, char *buf, size_t len)
{
	return p9_readlink(p9fs_client(inode), fid_of(inode), buf, len);
}

static int p9fs_setattr(struct inode *inode, const struct vfs_attr *attr, unsigned int mask)
{
	/* The server applies only the fields named in valid. */
	struct p9_setattr sa = {
		.mode = attr->mode & 07777,
		.uid = attr->uid,
		.gid = attr->gid,
		.size = attr->size,
		.atime_sec = attr->atime.sec,
		.atime_nsec = attr->atime.nsec,
		.mtime_sec = attr->mtime.sec,
		.mtime_nsec = attr->mtime.nsec,
	};
	int err;

	if (mask & VFS_SET_MODE)
		sa.valid |= P9_SETATTR_MODE;
	if (mask & VFS_SET_UID)
		sa.valid |= P9_SETATTR_UID;
	if (mask & VFS_SET_GID)
		sa.valid |= P9_SETATTR_GID;
	if (mask & VFS_SET_SIZE)
		sa.valid |= P9_SETATTR_SIZE;
	if (mask & VFS_SET_ATIME)
		sa.valid |= P9_SETATTR_ATIME | P9_SETATTR_ATIME_SET;
	/* Truncation with an mtime but no atime (truncate, O_TRUNC) means now: the server's. */
	if (mask & VFS_SET_MTIME)
		sa.valid |= P9_SETATTR_MTIME |
			    ((mask & VFS_SET_SIZE) && !(mask & VFS_SET_ATIME) ? 0 : P9_SETATTR_MTIME_SET);
	err = p9_setattr(p9fs_client(inode), fid_of(inode), &sa);
	if (!err && (mask & VFS_SET_SIZE))
		p9fs_cache_truncate(p9fs_i(inode), attr->size);
	return err ? err : p9fs_getattr(inode);
}

static void p9fs_evict(struct inode *inode)
{
	struct p9fs_inode *pi = p9fs_i(inode);
	struct p9_client *c = p9fs_client(inode);

	list_del(&pi->link);
	p9fs_cache_drop(pi);
	p9_clunk(c, pi->fid);
	if (pi->read_fid != P9_NOFID)
		p9_clunk(c, pi->read_fid);
	alloc_free(alloc_default(), pi);
}

const struct inode_operations p9fs_iops = {
	.lookup = p9fs_lookup,
	.create = p9fs_create,
	.mkdir = p9fs_mkdir,
	.unlink = p9fs_unlink,
	.rmdir = p9fs_rmdir,
	.rename = p9fs_rename,
	.link = p9fs_link,
	.symlink = p9fs_symlink,
	.readlink = p9fs_readlink,
	.setattr = p9fs_setattr,
	.getattr = p9fs_getattr,
	.map_page = p9fs_map_page,
	.write_page = p9fs_write_page,
	.evict = p9fs_evict,
};
