/* stat, fstat, lstat, newfstatat, statx, statfs, fstatfs: inode attributes in Linux's layouts. */
#include <asm/stat.h>
#include <asm/statfs.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

static int fill_stat(struct inode *inode, struct stat *user)
{
	const struct vfs_attr *a = &inode->attr;
	struct stat st;

	inode_refresh(inode);
	memset(&st, 0, sizeof(st));
	st.st_dev = inode->sb ? inode->sb->dev : 0;
	st.st_ino = a->ino;
	st.st_nlink = a->nlink;
	st.st_mode = a->mode;
	st.st_uid = a->uid;
	st.st_gid = a->gid;
	st.st_rdev = a->rdev;
	st.st_size = a->size;
	st.st_blksize = a->blksize;
	st.st_blocks = a->blocks;
	st.st_atime = a->atime.sec;
	st.st_atime_nsec = a->atime.nsec;
	st.st_mtime = a->mtime.sec;
	st.st_mtime_nsec = a->mtime.nsec;
	st.st_ctime = a->ctime.sec;
	st.st_ctime_nsec = a->ctime.nsec;
	return copy_to_user(user, &st, sizeof(st));
}

static long stat_at(int dirfd, const char *path, struct stat *buf, int flags)
{
	struct inode *inode;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	err = at_inode(dirfd, path, flags, &inode);
	if (err)
		return err;
	err = fill_stat(inode, buf);
	inode_put(inode);
	return err;
}

SYSCALL_DEFINE2(stat, const char *, path, struct stat *, buf)
{
	return stat_at(AT_FDCWD, path, buf, 0);
}

SYSCALL_DEFINE2(lstat, const char *, path, struct stat *, buf)
{
	return stat_at(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, path, struct stat *, buf, int, flags)
{
	return stat_at(dirfd, path, buf, flags);
}

SYSCALL_DEFINE2(fstat, int, fd, struct stat *, buf)
{
	struct file *f = fd_get(fd);
	int err;

	if (!f)
		return -EBADF;
	err = fill_stat(f->inode, buf);
	file_put(f);
	return err;
}

static struct statx_timestamp to_statx_time(struct vfs_timespec t)
{
	return (struct statx_timestamp){.tv_sec = t.sec, .tv_nsec = t.nsec};
}

SYSCALL_DEFINE5(statx, int, dirfd, const char *, path, int, flags, unsigned int, mask,
		struct statx *, buf)
{
	struct inode *inode;
	struct statx stx;
	const struct vfs_attr *a;
	uint64_t dev;
	int err;

	(void)mask; /* everything basic is always filled */
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = at_inode(dirfd, path, flags, &inode);
	if (err)
		return err;
	inode_refresh(inode);
	a = &inode->attr;
	dev = inode->sb ? inode->sb->dev : 0;
	memset(&stx, 0, sizeof(stx));
	stx.stx_mask = STATX_BASIC_STATS;
	stx.stx_blksize = a->blksize;
	stx.stx_nlink = a->nlink;
	stx.stx_uid = a->uid;
	stx.stx_gid = a->gid;
	stx.stx_mode = a->mode;
	stx.stx_ino = a->ino;
	stx.stx_size = a->size;
	stx.stx_blocks = a->blocks;
	stx.stx_atime = to_statx_time(a->atime);
	stx.stx_ctime = to_statx_time(a->ctime);
	stx.stx_mtime = to_statx_time(a->mtime);
	/* st_rdev's encoding: 12 bits of major in 8..19, the minor's in 0..7 and 20..31. */
	stx.stx_rdev_major = (a->rdev >> 8) & 0xfff;
	stx.stx_rdev_minor = (a->rdev & 0xff) | ((a->rdev >> 12) & 0xfff00);
	stx.stx_dev_major = dev >> 8;
	stx.stx_dev_minor = dev & 0xff;
	inode_put(inode);
	return copy_to_user(buf, &stx, sizeof(stx));
}

static int fill_statfs(struct inode *inode, struct statfs *user)
{
	struct alloc_stats mem;
	struct statfs st;

	alloc_default()->ops->stats(alloc_default(), &mem);
	memset(&st, 0, sizeof(st));
	st.f_type = inode->sb && inode->sb->fs ? inode->sb->fs->magic : 0;
	st.f_bsize = st.f_frsize = 4096;
	st.f_blocks = mem.total_bytes / 4096;
	st.f_bfree = st.f_bavail = mem.free_bytes / 4096;
	st.f_files = st.f_ffree = mem.free_bytes / 4096; /* inodes come from the same memory */
	st.f_namelen = VFS_NAME_MAX;
	st.f_fsid.val[0] = inode->sb ? (int)inode->sb->dev : 0;
	return copy_to_user(user, &st, sizeof(st));
}

SYSCALL_DEFINE2(statfs, const char *, path, struct statfs *, buf)
{
	struct inode *inode;
	int err = at_inode(AT_FDCWD, path, 0, &inode);

	if (err)
		return err;
	err = fill_statfs(inode, buf);
	inode_put(inode);
	return err;
}

SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs *, buf)
{
	struct file *f = fd_get(fd);
	int err;

	if (!f)
		return -EBADF;
	err = fill_statfs(f->inode, buf);
	file_put(f);
	return err;
}
