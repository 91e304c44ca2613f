/*
 * Attribute changes and checks: chmod, chown (kept, as root may), utimensat
 * and the older utime, utimes and futimesat,
 * truncate, fallocate, access.  The one process runs as root, so access()
 * only checks existence and, for X_OK, an execute bit.
 */
#include <errno.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/inotify.h>
#include <linux/stat.h>
#include <linux/time_types.h>
#include <linux/utime.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#define X_OK 1

/* What inotify reports for a change, as Linux's fsnotify_change. */
static uint32_t change_events(unsigned int mask)
{
	unsigned int times = mask & (VFS_SET_ATIME | VFS_SET_MTIME);
	uint32_t events = mask & (VFS_SET_MODE | VFS_SET_UID | VFS_SET_GID) ? IN_ATTRIB : 0;

	if (mask & VFS_SET_SIZE)
		events |= IN_MODIFY;
	if (times == (VFS_SET_ATIME | VFS_SET_MTIME))
		events |= IN_ATTRIB;
	else if (times)
		events |= times == VFS_SET_ATIME ? IN_ACCESS : IN_MODIFY;
	return events;
}

/* Change the file at canonical. */
static int setattr(struct inode *inode, const char *canonical, struct vfs_attr *attr,
		   unsigned int mask)
{
	int err;

	if (!inode->iops || !inode->iops->setattr)
		return -EROFS;
	if (mask & VFS_SET_MODE) {
		err = seals_check_mode(inode, attr->mode);
		if (err)
			return err;
	}
	err = inode->iops->setattr(inode, attr, mask);
	if (!err)
		fsnotify_file(inode, canonical, change_events(mask));
	return err;
}

static long change(int dirfd, const char *path, int flags, struct vfs_attr *attr,
		   unsigned int mask)
{
	struct vfs_path t;
	int err = at_target(dirfd, path, flags, &t);

	if (err)
		return err;
	err = setattr(t.inode, t.canonical, attr, mask);
	vfs_path_release(&t);
	return err;
}

static long chmod_at(int dirfd, const char *path, uint32_t mode)
{
	struct vfs_attr attr = {.mode = mode & 07777};

	return change(dirfd, path, 0, &attr, VFS_SET_MODE);
}

SYSCALL_DEFINE2(chmod, const char *, path, uint32_t, mode)
{
	return chmod_at(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE2(fchmod, int, fd, uint32_t, mode)
{
	return chmod_at(fd, NULL, mode);
}

SYSCALL_DEFINE3(fchmodat, int, dirfd, const char *, path, uint32_t, mode)
{
	return chmod_at(dirfd, path, mode);
}

static long chown_at(int dirfd, const char *path, int32_t uid, int32_t gid, int flags)
{
	struct vfs_attr attr = {.uid = uid, .gid = gid};
	unsigned int mask = (uid != -1 ? VFS_SET_UID : 0) | (gid != -1 ? VFS_SET_GID : 0);

	if (!mask) {
		struct vfs_path t;
		int err = at_target(dirfd, path, flags, &t); /* still must exist */

		if (!err)
			vfs_path_release(&t);
		return err;
	}
	return change(dirfd, path, flags, &attr, mask);
}

SYSCALL_DEFINE3(chown, const char *, path, int32_t, uid, int32_t, gid)
{
	return chown_at(AT_FDCWD, path, uid, gid, 0);
}

SYSCALL_DEFINE3(lchown, const char *, path, int32_t, uid, int32_t, gid)
{
	return chown_at(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown, int, fd, int32_t, uid, int32_t, gid)
{
	return chown_at(fd, NULL, uid, gid, 0);
}

SYSCALL_DEFINE5(fchownat, int, dirfd, const char *, path, int32_t, uid, int32_t, gid, int, flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return chown_at(dirfd, path, uid, gid, flags);
}

static bool nsec_valid(long nsec)
{
	return (nsec >= 0 && nsec < 1000000000) || nsec == UTIME_NOW || nsec == UTIME_OMIT;
}

static void time_field(const struct __kernel_timespec *ts, struct vfs_timespec *out,
		       unsigned int bit, unsigned int *mask)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return;
	*out = ts->tv_nsec == UTIME_NOW ? vfs_now() : (struct vfs_timespec){ts->tv_sec, ts->tv_nsec};
	*mask |= bit;
}

/*
 * Linux's do_utimes, under utimensat, futimesat, utimes and utime: times
 * (a kernel copy) NULL means now; a NULL path with a descriptor means the
 * descriptor's file (futimens).  The file is found before times are checked.
 */
static long set_times(int dirfd, const char *path, const struct __kernel_timespec *times,
		      int flags)
{
	const struct __kernel_timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
	struct vfs_attr attr;
	unsigned int mask = 0;
	struct vfs_path t;
	int err;

	if (!path && dirfd != AT_FDCWD) {
		if (flags)
			return -EINVAL;
	} else if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		return -EINVAL;
	} else if (!path) {
		return -EFAULT;
	}
	err = at_target(dirfd, path, flags, &t);
	if (err)
		return err;
	times = times ?: now;
	if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)) {
		err = -EINVAL;
	} else {
		time_field(&times[0], &attr.atime, VFS_SET_ATIME, &mask);
		time_field(&times[1], &attr.mtime, VFS_SET_MTIME, &mask);
		err = setattr(t.inode, t.canonical, &attr, mask);
	}
	vfs_path_release(&t);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dirfd, const char *, path, const struct __kernel_timespec *,
		user_times, int, flags)
{
	struct __kernel_timespec times[2];

	if (!user_times)
		return set_times(dirfd, path, NULL, flags);
	if (copy_from_user(times, user_times, sizeof(times)))
		return -EFAULT;
	/* Nothing to do: as Linux, not even the path is checked. */
	if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
		return 0;
	return set_times(dirfd, path, times, flags);
}

/* Microseconds, checked here: UTIME_NOW and UTIME_OMIT are for utimensat only. */
SYSCALL_DEFINE3(futimesat, int, dirfd, const char *, path, const struct __kernel_old_timeval *,
		user_times)
{
	struct __kernel_old_timeval tv[2];
	struct __kernel_timespec times[2];

	if (!user_times)
		return set_times(dirfd, path, NULL, 0);
	if (copy_from_user(tv, user_times, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		times[i] = (struct __kernel_timespec){tv[i].tv_sec, tv[i].tv_usec * 1000};
	}
	return set_times(dirfd, path, times, 0);
}

SYSCALL_DEFINE2(utimes, const char *, path, const struct __kernel_old_timeval *, times)
{
	return sys_futimesat(AT_FDCWD, path, times);
}

SYSCALL_DEFINE2(utime, const char *, path, const struct utimbuf *, user_times)
{
	struct utimbuf t;
	struct __kernel_timespec times[2];

	if (!user_times)
		return set_times(AT_FDCWD, path, NULL, 0);
	if (copy_from_user(&t, user_times, sizeof(t)))
		return -EFAULT;
	times[0] = (struct __kernel_timespec){t.actime, 0};
	times[1] = (struct __kernel_timespec){t.modtime, 0};
	return set_times(AT_FDCWD, path, times, 0);
}

static long truncate_inode(struct inode *inode, const char *canonical, int64_t length)
{
	struct vfs_attr attr = {.size = length};

	if (length < 0)
		return -EINVAL;
	if (is_dir(inode))
		return -EISDIR;
	if ((inode->attr.mode & 0170000) != 0100000)
		return -EINVAL;
	return seals_check_size(inode, length)
		       ?: setattr(inode, canonical, &attr, VFS_SET_SIZE | VFS_SET_MTIME);
}

SYSCALL_DEFINE2(truncate, const char *, path, int64_t, length)
{
	struct vfs_path t;
	int err = at_target(AT_FDCWD, path, 0, &t);

	if (err)
		return err;
	err = truncate_inode(t.inode, t.canonical, length);
	vfs_path_release(&t);
	return err;
}

SYSCALL_DEFINE2(ftruncate, int, fd, int64_t, length)
{
	struct file *f = fd_get(fd);
	long err;

	if (!f)
		return -EBADF;
	err = (f->flags & O_ACCMODE) == O_RDONLY ? -EINVAL
						 : truncate_inode(f->inode, f->path, length);
	file_put(f);
	return err;
}

/* Space is not reserved ahead in memory-backed files: growing the size is all there is. */
SYSCALL_DEFINE4(fallocate, int, fd, int, mode, int64_t, offset, int64_t, len)
{
	struct file *f = fd_get(fd);
	long err = 0;

	if (!f)
		return -EBADF;
	if (offset < 0 || len <= 0)
		err = -EINVAL;
	else if (mode & ~FALLOC_FL_KEEP_SIZE)
		err = -EOPNOTSUPP;
	else if ((f->flags & O_ACCMODE) == O_RDONLY)
		err = -EBADF;
	else if (S_ISFIFO(f->inode->attr.mode))
		err = -ESPIPE;
	else if (S_ISDIR(f->inode->attr.mode))
		err = -EISDIR;
	else if (!S_ISREG(f->inode->attr.mode))
		err = -ENODEV;
	else if ((uint64_t)(offset + len) > f->inode->attr.size) {
		/* F_SEAL_GROW refuses even space kept beyond the end. */
		err = seals_check_size(f->inode, offset + len);
		if (!err && !(mode & FALLOC_FL_KEEP_SIZE))
			err = truncate_inode(f->inode, f->path, offset + len);
	}
	file_put(f);
	return err;
}

SYSCALL_DEFINE4(faccessat2, int, dirfd, const char *, path, int, mode, int, flags)
{
	struct inode *inode;
	int err;

	if ((mode & ~7) || (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH)))
		return -EINVAL;
	err = at_inode(dirfd, path, flags, &inode);
	if (err)
		return err;
	if ((mode & X_OK) && !is_dir(inode) && !(inode->attr.mode & 0111))
		err = -EACCES;
	inode_put(inode);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, path, int, mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

SYSCALL_DEFINE2(access, const char *, path, int, mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}
