/*
 * File seals (fcntl F_ADD_SEALS, F_GET_SEALS), which only memfds take: what
 * a sealed file refuses is checked here for every path that would change
 * it (write, truncate, fallocate, chmod; lib/mm checks shared mappings).
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include "vfs_internal.h"

#define F_SEAL_EXEC 0x0020 /* Linux 6.3: the execute bits stay as they are */
#define ALL_SEALS                                                                                  \
	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE |          \
	 F_SEAL_EXEC)

long vfs_get_seals(struct file *f)
{
	return f->inode->seals & VFS_SEALABLE ? (long)(f->inode->seals & ALL_SEALS) : -EINVAL;
}

/*
 * As Linux's memfd_add_seals: the file must be open for writing, and
 * F_SEAL_WRITE needs no shared writable mapping left.  An executable file
 * sealed against exec changes also keeps its size and content.
 */
long vfs_add_seals(struct file *f, unsigned int seals)
{
	struct inode *inode = f->inode;

	if (!(inode->seals & VFS_SEALABLE))
		return -EINVAL;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EPERM;
	if (seals & ~ALL_SEALS)
		return -EINVAL;
	if (inode->seals & F_SEAL_SEAL)
		return -EPERM;
	if ((seals & F_SEAL_WRITE) && !(inode->seals & F_SEAL_WRITE) && inode->shared_writable_maps)
		return -EBUSY;
	if ((seals & F_SEAL_EXEC) && (inode->attr.mode & 0111))
		seals |= F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE;
	inode->seals |= seals;
	return 0;
}

int vfs_seals_check_shared_write(const struct inode *inode)
{
	return inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE) ? -EPERM : 0;
}

int seals_check_write(const struct inode *inode, uint64_t pos, size_t len)
{
	if (inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if ((inode->seals & F_SEAL_GROW) && pos + len > inode->attr.size)
		return -EPERM;
	return 0;
}

int seals_check_size(const struct inode *inode, uint64_t size)
{
	if ((inode->seals & F_SEAL_SHRINK) && size < inode->attr.size)
		return -EPERM;
	if ((inode->seals & F_SEAL_GROW) && size > inode->attr.size)
		return -EPERM;
	return 0;
}

int seals_check_mode(const struct inode *inode, uint32_t mode)
{
	if ((inode->seals & F_SEAL_EXEC) && ((mode ^ inode->attr.mode) & 0111))
		return -EPERM;
	return 0;
}
