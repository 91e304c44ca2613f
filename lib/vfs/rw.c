/*
 * Reading and writing: read, write, their positioned and vectored forms
 * (preadv2/pwritev2 with per-call RWF_* flags), lseek, sendfile and
 * copy_file_range.  Buffers are the application's;
 * file operations copy with copy_to_user/copy_from_user.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/inotify.h>
#include <linux/uio.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/metrics.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "vfs_internal.h"

#define RW_MAX 0x7ffff000L /* Linux caps one transfer at this */

#define RWF_NOAPPEND 0x20 /* Linux 6.9: ignore O_APPEND for this write */
/*
 * The RWF_* flags taken.  HIPRI, DSYNC and SYNC ask nothing of files that
 * live in memory or write through (9p); RWF_ATOMIC and RWF_DONTCACHE are
 * refused, as tmpfs refuses them.
 */
#define RWF_KNOWN (RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND | RWF_NOAPPEND)

static bool readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY && !(f->flags & O_PATH);
}

static bool writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH);
}

METRIC_COUNTER(reads, "tessera_vfs_reads_total", "Reads from files (read, pread, readv, ...)");
METRIC_COUNTER(read_bytes, "tessera_vfs_read_bytes_total", "Bytes read from files");
METRIC_COUNTER(writes, "tessera_vfs_writes_total", "Writes to files (write, pwrite, writev, ...)");
METRIC_COUNTER(written_bytes, "tessera_vfs_written_bytes_total", "Bytes written to files");

static ssize_t file_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	ssize_t n;

	if (!readable(f))
		return -EBADF;
	if (is_dir(f->inode))
		return -EISDIR;
	if (!f->fops || !f->fops->read)
		return -EINVAL;
	n = f->fops->read(f, buf, MIN(len, (size_t)RW_MAX), pos);
	metric_add(reads, 1);
	if (n > 0) {
		metric_add(read_bytes, n);
		fsnotify_file(f->inode, f->path, IN_ACCESS);
	}
	return n;
}

static ssize_t file_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	ssize_t n;
	int err;

	if (!writable(f))
		return -EBADF;
	if (!f->fops || !f->fops->write)
		return -EINVAL;
	if (f->flags & O_APPEND)
		*pos = f->inode->attr.size;
	len = MIN(len, (size_t)RW_MAX);
	err = seals_check_write(f->inode, *pos, len);
	if (err)
		return err;
	n = f->fops->write(f, buf, len, pos);
	metric_add(writes, 1);
	if (n > 0) {
		metric_add(written_bytes, n);
		fsnotify_file(f->inode, f->path, IN_MODIFY);
	}
	return n;
}

static bool seekable(const struct file *f)
{
	uint32_t type = f->inode->attr.mode & 0170000;

	return type == 0100000 || type == 0040000 || type == 0120000 || type == 0060000;
}

/*
 * The description's flags for one preadv2/pwritev2 transfer: RWF_NOWAIT is
 * O_NONBLOCK (what pipes and terminals check), RWF_APPEND and RWF_NOAPPEND
 * set and clear O_APPEND (what the VFS and 9p check).
 */
static unsigned int call_flags(unsigned int flags, int rwf)
{
	if (rwf & RWF_NOWAIT)
		flags |= O_NONBLOCK;
	if (rwf & RWF_NOAPPEND)
		flags &= ~O_APPEND;
	if (rwf & RWF_APPEND)
		flags |= O_APPEND;
	return flags;
}

/*
 * One transfer under the call's flags, which the description carries for
 * its duration (a file that waits for its device, 9p, may let another
 * thread see them meanwhile).
 */
static ssize_t rw_with_flags(struct file *f, void *buf, size_t len, uint64_t *at, bool write,
			     int rwf)
{
	unsigned int own = f->flags;
	ssize_t n;

	f->flags = call_flags(own, rwf);
	n = write ? file_write(f, buf, len, at) : file_read(f, buf, len, at);
	f->flags = own;
	return n;
}

/*
 * Run op on fd at the file's position (pos < 0) or at pos, without moving
 * the file's; rwf: RWF_* flags of preadv2/pwritev2, checked by the caller.
 */
static ssize_t do_rw(int fd, void *buf, size_t len, int64_t pos, bool write, int rwf)
{
	struct file *f = fd_get(fd);
	uint64_t at;
	ssize_t n;

	if (!f)
		return -EBADF;
	if (pos >= 0 && !seekable(f)) {
		file_put(f);
		return -ESPIPE;
	}
	at = pos < 0 ? f->pos : (uint64_t)pos;
	n = rw_with_flags(f, buf, len, &at, write, rwf);
	if (pos < 0 && n >= 0)
		f->pos = at;
	file_put(f);
	return n;
}

SYSCALL_DEFINE3(read, int, fd, void *, buf, size_t, len)
{
	return do_rw(fd, buf, len, -1, false, 0);
}

SYSCALL_DEFINE3(write, int, fd, const void *, buf, size_t, len)
{
	return do_rw(fd, (void *)buf, len, -1, true, 0);
}

SYSCALL_DEFINE4(pread64, int, fd, void *, buf, size_t, len, int64_t, pos)
{
	return pos < 0 ? -EINVAL : do_rw(fd, buf, len, pos, false, 0);
}

SYSCALL_DEFINE4(pwrite64, int, fd, const void *, buf, size_t, len, int64_t, pos)
{
	return pos < 0 ? -EINVAL : do_rw(fd, (void *)buf, len, pos, true, 0);
}

#define IOV_MAX 1024

/*
 * Each iovec in turn, stopping at the first short transfer, as POSIX
 * requires.  Unknown RWF_* flags are refused only when there is something
 * to transfer, as Linux checks them once the vector is read.
 */
static ssize_t do_rwv(int fd, const struct iovec *user_iov, int count, int64_t pos, bool write,
		      int rwf)
{
	ssize_t total = 0;

	if (count < 0 || count > IOV_MAX)
		return -EINVAL;
	for (int i = 0; i < count; i++) {
		struct iovec iov;
		ssize_t n;

		if (copy_from_user(&iov, user_iov + i, sizeof(iov)))
			return -EFAULT;
		if (iov.iov_len == 0)
			continue;
		if (rwf & ~RWF_KNOWN)
			return total ? total : -EOPNOTSUPP;
		n = do_rw(fd, iov.iov_base, iov.iov_len, pos < 0 ? -1 : pos + total, write, rwf);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	return total;
}

SYSCALL_DEFINE3(readv, int, fd, const struct iovec *, iov, int, count)
{
	return do_rwv(fd, iov, count, -1, false, 0);
}

SYSCALL_DEFINE3(writev, int, fd, const struct iovec *, iov, int, count)
{
	return do_rwv(fd, iov, count, -1, true, 0);
}

SYSCALL_DEFINE4(preadv, int, fd, const struct iovec *, iov, int, count, int64_t, pos)
{
	return pos < 0 ? -EINVAL : do_rwv(fd, iov, count, pos, false, 0);
}

SYSCALL_DEFINE4(pwritev, int, fd, const struct iovec *, iov, int, count, int64_t, pos)
{
	return pos < 0 ? -EINVAL : do_rwv(fd, iov, count, pos, true, 0);
}

/*
 * preadv2 and pwritev2: pos -1 is at (and moves) the file's position, as
 * readv/writev.  The high half of pos is for 32-bit ABIs: on x86_64 all of
 * it is in the low argument.
 */
static ssize_t do_rwv2(int fd, const struct iovec *iov, int count, int64_t pos, bool write,
		       int rwf)
{
	return pos < -1 ? -EINVAL : do_rwv(fd, iov, count, pos, write, rwf);
}

SYSCALL_DEFINE6(preadv2, int, fd, const struct iovec *, iov, int, count, int64_t, pos,
		unsigned long, pos_high, int, rwf)
{
	(void)pos_high;
	return do_rwv2(fd, iov, count, pos, false, rwf);
}

SYSCALL_DEFINE6(pwritev2, int, fd, const struct iovec *, iov, int, count, int64_t, pos,
		unsigned long, pos_high, int, rwf)
{
	(void)pos_high;
	return do_rwv2(fd, iov, count, pos, true, rwf);
}

SYSCALL_DEFINE3(lseek, int, fd, int64_t, offset, unsigned int, whence)
{
	struct file *f = fd_get(fd);
	int64_t base, to;

	if (!f)
		return -EBADF;
	if (!seekable(f)) {
		/* Anonymous files (eventfd, epoll, ...) ignore seeks, as Linux's noop_llseek. */
		to = whence > SEEK_MAX ? -EINVAL : is_anon(f->inode) ? (int64_t)f->pos : -ESPIPE;
		file_put(f);
		return to;
	}
	inode_refresh(f->inode);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = f->inode->attr.size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		/* No holes are tracked: all data, one hole at the end. */
		if (offset < 0 || (uint64_t)offset >= f->inode->attr.size) {
			file_put(f);
			return -ENXIO;
		}
		base = whence == SEEK_DATA ? 0 : f->inode->attr.size;
		offset = whence == SEEK_DATA ? offset : 0;
		break;
	default:
		file_put(f);
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &to) || to < 0) {
		file_put(f);
		return -EINVAL;
	}
	f->pos = to;
	file_put(f);
	return to;
}

/* Move up to len bytes from in (at *in_pos) to out (at *out_pos) through a kernel buffer. */
static ssize_t splice_files(struct file *in, uint64_t *in_pos, struct file *out, uint64_t *out_pos,
			    size_t len)
{
	size_t chunk = MIN(len, (size_t)64 * 1024);
	ssize_t total = 0;
	char *buf;

	if (!len)
		return 0;
	buf = alloc_malloc(alloc_default(), chunk);
	if (!buf)
		return -ENOMEM;
	while ((size_t)total < len) {
		ssize_t n = file_read(in, buf, MIN(chunk, len - total), in_pos), w;

		if (n <= 0) {
			total = total ? total : n;
			break;
		}
		w = file_write(out, buf, n, out_pos);
		if (w < 0) {
			total = total ? total : w;
			break;
		}
		total += w;
		if (w < n)
			break;
	}
	alloc_free(alloc_default(), buf);
	return total;
}

/* Positions: from user memory when given, else the file's own (moved after). */
static long transfer(int in_fd, int64_t *user_in_pos, int out_fd, int64_t *user_out_pos,
		     size_t len)
{
	struct file *in = fd_get(in_fd), *out = fd_get(out_fd);
	int64_t in_at, out_at;
	uint64_t ip, op;
	long n = -EBADF;

	if (!in || !out)
		goto done;
	n = -EFAULT;
	if (user_in_pos && copy_from_user(&in_at, user_in_pos, sizeof(in_at)))
		goto done;
	if (user_out_pos && copy_from_user(&out_at, user_out_pos, sizeof(out_at)))
		goto done;
	n = -EINVAL;
	if ((user_in_pos && in_at < 0) || (user_out_pos && out_at < 0))
		goto done;
	ip = user_in_pos ? (uint64_t)in_at : in->pos;
	op = user_out_pos ? (uint64_t)out_at : out->pos;
	n = splice_files(in, &ip, out, &op, MIN(len, (size_t)RW_MAX));
	if (n < 0)
		goto done;
	if (user_in_pos) {
		in_at = ip;
		if (copy_to_user(user_in_pos, &in_at, sizeof(in_at)))
			n = -EFAULT;
	} else {
		in->pos = ip;
	}
	if (user_out_pos) {
		out_at = op;
		if (copy_to_user(user_out_pos, &out_at, sizeof(out_at)))
			n = -EFAULT;
	} else {
		out->pos = op;
	}
done:
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return n;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, int64_t *, offset, size_t, count)
{
	return transfer(in_fd, offset, out_fd, NULL, count);
}

SYSCALL_DEFINE6(copy_file_range, int, in_fd, int64_t *, in_off, int, out_fd, int64_t *, out_off,
		size_t, len, unsigned int, flags)
{
	if (flags)
		return -EINVAL;
	return transfer(in_fd, in_off, out_fd, out_off, len);
}
