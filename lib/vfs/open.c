/* open, openat, creat, close, close_range: from a path and flags to a descriptor. */
#include <errno.h>
#include <linux/close_range.h>
#include <linux/fcntl.h>
#include <linux/inotify.h>
#include <tessera/fdtable.h>
#include <tessera/fmt.h>
#include <tessera/metrics.h>
#include <tessera/syscall.h>
#include "at.h"
#include "vfs_internal.h"

/* Flags that describe the open file (as F_GETFL reports them), not the open call. */
#define FILE_STATUS_FLAGS (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_SYNC | O_DIRECT | \
			   O_NOATIME | O_LARGEFILE | O_PATH | O_DIRECTORY)

static int create(const char *canonical, uint32_t mode, struct vfs_path *out)
{
	struct vfs_path parent;
	const char *name;
	size_t len;
	struct inode *inode;
	int err = vfs_resolve_parent(NULL, canonical, &parent, &name, &len);

	if (err)
		return err;
	if (is_dot_or_dotdot(name, len))
		err = -EISDIR;
	else if (!parent.inode->iops || !parent.inode->iops->create)
		err = -EROFS;
	else
		err = parent.inode->iops->create(parent.inode, name, len,
						 0100000 | (mode & 07777 & ~vfs_umask()), &inode);
	if (!err)
		fsnotify_entry(parent.inode, IN_CREATE, name, len, 0);
	vfs_path_release(&parent);
	if (!err)
		out->inode = inode;
	return err;
}

static int check_existing(struct inode *inode, int flags)
{
	bool writing = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (is_symlink(inode))
		return (flags & O_PATH) ? 0 : -ELOOP; /* O_NOFOLLOW on a symlink */
	if ((flags & O_DIRECTORY) && !is_dir(inode))
		return -ENOTDIR;
	if (is_dir(inode) && (writing || (flags & O_CREAT)))
		return -EISDIR;
	return 0;
}

static int truncate_to_zero(struct inode *inode)
{
	struct vfs_attr attr = {.size = 0};

	if ((inode->attr.mode & 0170000) != 0100000)
		return 0;
	if (!inode->iops || !inode->iops->setattr)
		return -EROFS;
	return inode->iops->setattr(inode, &attr, VFS_SET_SIZE | VFS_SET_MTIME);
}

/* O_TMPFILE: a file created in directory p and unlinked at once; only the descriptor names it. */
static int open_unnamed(struct vfs_path *p, int flags, uint32_t mode, struct file **out)
{
	static unsigned int counter;
	struct inode *dir = p->inode, *inode;
	char name[32], path[64];
	int len, err;

	if ((flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if (!is_dir(dir))
		return -ENOTDIR;
	if (!dir->iops->create || !dir->iops->unlink)
		return -EOPNOTSUPP;
	len = fmt_snprintf(name, sizeof(name), ".tmpfile-%u", counter++);
	err = dir->iops->create(dir, name, len, 0100000 | (mode & 07777 & ~vfs_umask()), &inode);
	if (err)
		return err;
	dir->iops->unlink(dir, name, len);
	fmt_snprintf(path, sizeof(path), "/#%lu (deleted)", (unsigned long)inode->attr.ino);
	*out = file_new(inode, flags & FILE_STATUS_FLAGS & ~O_DIRECTORY, path);
	inode_put(inode);
	return *out ? 0 : -ENOMEM;
}

/* A new open file description of p's inode, named by p's canonical path. */
METRIC_COUNTER(opens, "tessera_vfs_opens_total", "Files opened");

static int open_resolved(struct vfs_path *p, int flags, struct file **out)
{
	struct file *f = file_new(p->inode, flags & FILE_STATUS_FLAGS, p->canonical);
	int err = 0;

	if (!f)
		return -ENOMEM;
	if (!(flags & O_PATH)) {
		err = special_open(f);
		if (!err && f->fops && f->fops->open)
			err = f->fops->open(p->inode, f);
	}
	if (err) {
		file_put(f);
		return err;
	}
	if (!(flags & O_PATH))
		fsnotify_file(p->inode, p->canonical, IN_OPEN);
	metric_add(opens, 1);
	*out = f;
	return 0;
}

int vfs_reopen(struct file *f, int flags, struct file **out)
{
	struct vfs_path p = {.inode = f->inode, .canonical = f->path};

	return open_resolved(&p, flags, out);
}

int vfs_open(const char *dir, const char *path, int flags, uint32_t mode, struct file **out)
{
	bool follow = !(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL));
	struct vfs_path p;
	int err;

	if ((flags & __O_TMPFILE) && !(flags & O_DIRECTORY))
		return -EINVAL;
	err = vfs_resolve(dir, path, follow ? VFS_FOLLOW : 0, &p);
	if (err)
		return err;
	if ((flags & __O_TMPFILE) && p.inode) {
		err = open_unnamed(&p, flags, mode, out);
		vfs_path_release(&p);
		return err;
	}
	if (!p.inode) {
		/* The canonical path names what to create, also through a dangling symlink. */
		err = (flags & O_CREAT) ? create(p.canonical, mode, &p) : -ENOENT;
	} else {
		err = check_existing(p.inode, flags);
		if (!err && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY)
			err = truncate_to_zero(p.inode);
	}
	if (!err)
		err = open_resolved(&p, flags, out);
	vfs_path_release(&p);
	return err;
}

SYSCALL_DEFINE4(openat, int, dirfd, const char *, user_path, int, flags, uint32_t, mode)
{
	struct at_path at;
	struct file *f;
	int err = at_begin(dirfd, user_path, &at);

	if (err)
		return err;
	err = vfs_open(at_dir(&at), at.path, flags, mode, &f);
	at_done(&at);
	if (err)
		return err;
	err = fd_install(f, 0, flags & O_CLOEXEC);
	if (err < 0)
		file_put(f);
	return err;
}

SYSCALL_DEFINE3(open, const char *, user_path, int, flags, uint32_t, mode)
{
	return sys_openat(AT_FDCWD, user_path, flags, mode);
}

SYSCALL_DEFINE2(creat, const char *, user_path, uint32_t, mode)
{
	return sys_openat(AT_FDCWD, user_path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(fd);
}

SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	int highest = fd_highest();

	if (flags & ~(CLOSE_RANGE_CLOEXEC | CLOSE_RANGE_UNSHARE) || first > last)
		return -EINVAL;
	for (unsigned int fd = first; fd <= last && (int)fd <= highest; fd++) {
		if (flags & CLOSE_RANGE_CLOEXEC)
			fd_set_cloexec(fd, true);
		else
			fd_close(fd);
	}
	return 0;
}
