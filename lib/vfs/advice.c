/*
 * Hints about file data: readahead, fadvise64 and sync_file_range.  Files
 * live in memory (or behind 9p, which writes through), so there is nothing
 * to read ahead or write back: each call checks its arguments in Linux's
 * order, with Linux's errors, and succeeds.
 */
#include <errno.h>
#include <linux/fadvise.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include "vfs_internal.h"

SYSCALL_DEFINE3(readahead, int, fd, int64_t, offset, size_t, count)
{
	struct file *f = fd_get_open(fd);
	long err = 0;

	(void)offset;
	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		err = -EBADF;
	else if (!S_ISREG(f->inode->attr.mode) || (int64_t)count < 0)
		err = -EINVAL;
	file_put(f);
	return err;
}

SYSCALL_DEFINE4(fadvise64, int, fd, int64_t, offset, int64_t, len, int, advice)
{
	struct file *f = fd_get_open(fd);
	long err = 0;

	(void)offset;
	if (!f)
		return -EBADF;
	if (S_ISFIFO(f->inode->attr.mode))
		err = -ESPIPE;
	else if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		err = -EINVAL;
	file_put(f);
	return err;
}

#define SYNC_FILE_RANGE_FLAGS \
	(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)

SYSCALL_DEFINE4(sync_file_range, int, fd, int64_t, offset, int64_t, nbytes, unsigned int, flags)
{
	struct file *f = fd_get_open(fd);
	uint32_t type;
	int64_t end;
	long err = 0;

	if (!f)
		return -EBADF;
	type = f->inode->attr.mode & S_IFMT;
	if ((flags & ~SYNC_FILE_RANGE_FLAGS) || offset < 0 ||
	    __builtin_add_overflow(offset, nbytes, &end) || end < 0)
		err = -EINVAL;
	else if (type != S_IFREG && type != S_IFBLK && type != S_IFDIR && type != S_IFLNK)
		err = -ESPIPE;
	file_put(f);
	return err;
}
