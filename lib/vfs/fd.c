/* Descriptor operations: dup, fcntl, ioctl's generic part, fsync. */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "vfs_internal.h"

/* F_SETFL may change only these, as on Linux. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME | FASYNC)

static long dup_from(int oldfd, int min, bool cloexec)
{
	struct file *f = fd_get(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(f, min, cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE1(dup, int, oldfd)
{
	return dup_from(oldfd, 0, false);
}

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	struct file *f;
	int fd;

	if (flags & ~O_CLOEXEC || oldfd == newfd)
		return -EINVAL;
	f = fd_get(oldfd);
	if (!f)
		return -EBADF;
	fd = fd_install_at(f, newfd, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	struct file *f;

	if (oldfd != newfd)
		return sys_dup3(oldfd, newfd, 0);
	f = fd_get(oldfd);
	if (!f)
		return -EBADF;
	file_put(f);
	return newfd;
}

/* Advisory locks are accepted and always granted: one process cannot conflict with itself. */
static long record_lock(int cmd, unsigned long arg)
{
	struct flock lock;

	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		if (copy_from_user(&lock, (void *)arg, sizeof(lock)))
			return -EFAULT;
		lock.l_type = F_UNLCK;
		return copy_to_user((void *)arg, &lock, sizeof(lock));
	}
	return 0;
}

SYSCALL_DEFINE3(fcntl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fd_get(fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= fd_limit() ? -EINVAL : dup_from(fd, arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		ret = fd_get_cloexec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		ret = fd_set_cloexec(fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		ret = f->flags;
		break;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		ret = record_lock(cmd, arg);
		break;
	case F_GETOWN:
	case F_SETOWN:
	case F_NOTIFY:
	case F_SETLEASE:
		break;
	case F_GETLEASE:
		ret = F_UNLCK;
		break;
	case F_ADD_SEALS:
		ret = vfs_add_seals(f, arg);
		break;
	case F_GET_SEALS:
		ret = vfs_get_seals(f);
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		ret = pipe_fcntl(f, cmd, arg);
		break;
	default:
		ret = -EINVAL;
	}
	file_put(f);
	return ret;
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fd_get(fd);
	int on;
	long ret;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		ret = fd_set_cloexec(fd, cmd == FIOCLEX);
		break;
	case FIONBIO:
		ret = copy_from_user(&on, (void *)arg, sizeof(on));
		if (!ret)
			f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
		break;
	default:
		ret = f->fops && f->fops->ioctl ? f->fops->ioctl(f, cmd, arg) : -ENOTTY;
	}
	file_put(f);
	return ret;
}

static long sync_fd(int fd)
{
	struct file *f = fd_get(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->fops && f->fops->fsync ? f->fops->fsync(f) : 0;
	file_put(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, int, fd)
{
	return sync_fd(fd);
}

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	return sync_fd(fd);
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	return sync_fd(fd);
}

/* File systems write through: nothing is left to flush. */
SYSCALL_FAKE(sync);
