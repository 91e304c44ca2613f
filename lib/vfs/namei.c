/*
 * Name-space changes: mkdir, mknod, rmdir, unlink, rename, link, symlink
 * and readlink, each in its plain and *at() forms.  The parent directory is
 * resolved here; the file system does the rest.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/inotify.h>
#include <linux/stat.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

/* Resolve the parent of (dirfd, user_path) and hand it, with the last name, to op. */
struct parent_op {
	struct at_path at;
	struct vfs_path parent;
	const char *name;
	size_t len;
};

static int parent_begin(int dirfd, const char *user_path, struct parent_op *op)
{
	int err = at_begin(dirfd, user_path, &op->at);

	if (err)
		return err;
	err = vfs_resolve_parent(at_dir(&op->at), op->at.path, &op->parent, &op->name, &op->len);
	if (err)
		at_done(&op->at);
	return err;
}

static void parent_done(struct parent_op *op)
{
	vfs_path_release(&op->parent);
	at_done(&op->at);
}

static bool exists(struct inode *dir, const char *name, size_t len)
{
	struct inode *child;

	if (dir->iops->lookup(dir, name, len, &child))
		return false;
	inode_put(child);
	return true;
}

/* Resolve the directory that will hold path's last component, which must not exist yet. */
static int new_entry(const char *dir_path, const char *path, struct vfs_path *parent,
		     const char **name, size_t *len)
{
	int err = vfs_resolve_parent(dir_path, path, parent, name, len);

	if (err)
		return err;
	if (is_dot_or_dotdot(*name, *len) || exists(parent->inode, *name, *len)) {
		vfs_path_release(parent);
		return -EEXIST;
	}
	return 0;
}

int vfs_mkdir(const char *dir_path, const char *path, uint32_t mode)
{
	struct vfs_path parent;
	const char *name;
	size_t len;
	struct inode *dir;
	int err = new_entry(dir_path, path, &parent, &name, &len);

	if (err)
		return err;
	dir = parent.inode;
	if (!dir->iops->mkdir)
		err = -EROFS;
	else
		err = dir->iops->mkdir(dir, name, len, 0040000 | (mode & 07777 & ~vfs_umask()));
	if (!err)
		fsnotify_entry(dir, IN_CREATE | IN_ISDIR, name, len, 0);
	vfs_path_release(&parent);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dirfd, const char *, path, uint32_t, mode)
{
	struct at_path at;
	int err = at_begin(dirfd, path, &at);

	if (err)
		return err;
	err = vfs_mkdir(at_dir(&at), at.path, mode);
	at_done(&at);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char *, path, uint32_t, mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

/* A regular file through create (as Linux's vfs_create), anything else through mknod. */
static int make_node(struct inode *dir, const char *name, size_t len, uint32_t mode,
		     unsigned int dev)
{
	struct inode *inode;
	int err;

	if (S_ISREG(mode)) {
		if (!dir->iops->create)
			return -EACCES;
		err = dir->iops->create(dir, name, len, mode, &inode);
		if (!err)
			inode_put(inode);
		return err;
	}
	if (!dir->iops->mknod)
		return -EPERM;
	return dir->iops->mknod(dir, name, len, mode, S_ISCHR(mode) || S_ISBLK(mode) ? dev : 0);
}

int vfs_mknod(const char *dir_path, const char *path, uint32_t mode, unsigned int dev)
{
	struct vfs_path parent;
	const char *name;
	size_t len;
	int err = new_entry(dir_path, path, &parent, &name, &len);

	if (err)
		return err;
	if (name[len] == '/') /* "name/" cannot be made as a non-directory */
		err = -ENOENT;
	else
		err = make_node(parent.inode, name, len,
				(mode & S_IFMT) | (mode & 07777 & ~vfs_umask()), dev);
	if (!err)
		fsnotify_entry(parent.inode, IN_CREATE, name, len, 0);
	vfs_path_release(&parent);
	return err;
}

/*
 * The type is checked before the path, as Linux's may_mknod; 0 means a
 * regular file.  dev is Linux's 32-bit encoding, which st_rdev reports as is.
 */
SYSCALL_DEFINE4(mknodat, int, dirfd, const char *, path, uint32_t, mode, unsigned int, dev)
{
	struct at_path at;
	uint32_t type = mode & S_IFMT;
	int err;

	switch (type) {
	case 0:
		type = S_IFREG;
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = at_begin(dirfd, path, &at);
	if (err)
		return err;
	err = vfs_mknod(at_dir(&at), at.path, type | (mode & 07777), dev);
	at_done(&at);
	return err;
}

SYSCALL_DEFINE3(mknod, const char *, path, uint32_t, mode, unsigned int, dev)
{
	return sys_mknodat(AT_FDCWD, path, mode, dev);
}

static bool is_mountpoint(const char *parent, const char *name, size_t len)
{
	char path[VFS_PATH_MAX];
	size_t plen = strlen(parent);

	if (plen + 1 + len >= sizeof(path))
		return false;
	memcpy(path, parent, plen);
	if (plen > 1)
		path[plen++] = '/';
	memcpy(path + plen, name, len);
	path[plen + len] = '\0';
	return mount_at(path) != NULL;
}

/* As Linux's vfs_unlink and vfs_rmdir: the link count, the inode gone, then the directory. */
static void notify_removed(struct inode *dir, struct inode *victim, const char *name, size_t len)
{
	if (!is_dir(victim))
		fsnotify_inode(victim, IN_ATTRIB);
	/* A 9p server keeps the link count: asked only when someone watches. */
	if (is_dir(victim) ||
	    (fsnotify_watched(victim) && (inode_refresh(victim) || !victim->attr.nlink)))
		fsnotify_gone(victim, IN_DELETE_SELF);
	fsnotify_entry(dir, IN_DELETE | (is_dir(victim) ? IN_ISDIR : 0), name, len, 0);
}

static int remove_entry(int dirfd, const char *path, bool directory)
{
	struct parent_op op;
	struct inode *dir, *victim;
	int err = parent_begin(dirfd, path, &op);

	if (err)
		return err;
	dir = op.parent.inode;
	if (is_dot_or_dotdot(op.name, op.len)) {
		err = !directory ? -EISDIR : op.len == 1 ? -EINVAL : -ENOTEMPTY;
		goto out;
	}
	err = dir->iops->lookup(dir, op.name, op.len, &victim);
	if (err)
		goto out;
	if (directory && !is_dir(victim))
		err = -ENOTDIR;
	else if (!directory && is_dir(victim))
		err = -EISDIR;
	else if (directory && is_mountpoint(op.parent.canonical, op.name, op.len))
		err = -EBUSY;
	if (!err && directory)
		err = dir->iops->rmdir ? dir->iops->rmdir(dir, op.name, op.len) : -EROFS;
	else if (!err)
		err = dir->iops->unlink ? dir->iops->unlink(dir, op.name, op.len) : -EROFS;
	if (!err)
		notify_removed(dir, victim, op.name, op.len);
	inode_put(victim);
out:
	parent_done(&op);
	return err;
}

SYSCALL_DEFINE1(rmdir, const char *, path)
{
	return remove_entry(AT_FDCWD, path, true);
}

SYSCALL_DEFINE1(unlink, const char *, path)
{
	return remove_entry(AT_FDCWD, path, false);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return remove_entry(dirfd, path, flags & AT_REMOVEDIR);
}

/* As Linux's fsnotify_move: both directories (one cookie), a replaced file, the file itself. */
static void notify_moved(struct parent_op *from, struct parent_op *to, struct inode *src,
			 struct inode *replaced)
{
	uint32_t cookie = fsnotify_cookie(), type = is_dir(src) ? IN_ISDIR : 0;

	fsnotify_entry(from->parent.inode, IN_MOVED_FROM | type, from->name, from->len, cookie);
	fsnotify_entry(to->parent.inode, IN_MOVED_TO | type, to->name, to->len, cookie);
	if (replaced) {
		fsnotify_inode(replaced, IN_ATTRIB);
		if (!replaced->attr.nlink)
			fsnotify_gone(replaced, IN_DELETE_SELF);
	}
	fsnotify_inode(src, IN_MOVE_SELF);
}

SYSCALL_DEFINE5(renameat2, int, olddirfd, const char *, oldpath, int, newdirfd, const char *,
		newpath, unsigned int, flags)
{
	struct parent_op from, to;
	struct inode *src, *dst = NULL;
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL; /* RENAME_EXCHANGE and RENAME_WHITEOUT are not supported */
	err = parent_begin(olddirfd, oldpath, &from);
	if (err)
		return err;
	err = parent_begin(newdirfd, newpath, &to);
	if (err) {
		parent_done(&from);
		return err;
	}
	if (is_dot_or_dotdot(from.name, from.len) || is_dot_or_dotdot(to.name, to.len)) {
		err = -EBUSY;
		goto out;
	}
	err = from.parent.inode->iops->lookup(from.parent.inode, from.name, from.len, &src);
	if (err)
		goto out;
	if (!to.parent.inode->iops->lookup(to.parent.inode, to.name, to.len, &dst)) {
		if (flags & RENAME_NOREPLACE)
			err = -EEXIST;
		else if (is_dir(src) && !is_dir(dst))
			err = -ENOTDIR;
		else if (!is_dir(src) && is_dir(dst))
			err = -EISDIR;
	}
	if (!err && from.parent.inode->sb != to.parent.inode->sb)
		err = -EXDEV;
	if (!err && dst == src)
		err = 1; /* the same file under both names: nothing to do */
	if (!err)
		err = from.parent.inode->iops->rename
			      ? from.parent.inode->iops->rename(from.parent.inode, from.name,
								from.len, to.parent.inode, to.name,
								to.len)
			      : -EROFS;
	if (!err)
		notify_moved(&from, &to, src, dst);
	if (err == 1)
		err = 0;
	inode_put(src);
	inode_put(dst);
out:
	parent_done(&to);
	parent_done(&from);
	return err;
}

SYSCALL_DEFINE4(renameat, int, olddirfd, const char *, oldpath, int, newdirfd, const char *,
		newpath)
{
	return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

SYSCALL_DEFINE2(rename, const char *, oldpath, const char *, newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SYSCALL_DEFINE5(linkat, int, olddirfd, const char *, oldpath, int, newdirfd, const char *,
		newpath, int, flags)
{
	struct at_path at;
	struct vfs_path target;
	struct parent_op op;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = at_begin(olddirfd, oldpath, &at);
	if (err)
		return err;
	err = vfs_resolve(at_dir(&at), at.path, flags & AT_SYMLINK_FOLLOW ? VFS_FOLLOW : 0,
			  &target);
	at_done(&at);
	if (err)
		return err;
	if (!target.inode) {
		vfs_path_release(&target);
		return -ENOENT;
	}
	err = parent_begin(newdirfd, newpath, &op);
	if (!err) {
		struct inode *dir = op.parent.inode;

		if (is_dir(target.inode))
			err = -EPERM;
		else if (is_dot_or_dotdot(op.name, op.len) || exists(dir, op.name, op.len))
			err = -EEXIST;
		else if (dir->sb != target.inode->sb)
			err = -EXDEV;
		else
			err = dir->iops->link ? dir->iops->link(target.inode, dir, op.name, op.len)
					      : -EPERM;
		if (!err) {
			fsnotify_inode(target.inode, IN_ATTRIB); /* one more link */
			fsnotify_entry(dir, IN_CREATE, op.name, op.len, 0);
		}
		parent_done(&op);
	}
	vfs_path_release(&target);
	return err;
}

SYSCALL_DEFINE2(link, const char *, oldpath, const char *, newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int vfs_symlink(const char *target, const char *dir_path, const char *path)
{
	struct vfs_path parent;
	const char *name;
	size_t len;
	struct inode *dir;
	int err;

	if (!target[0])
		return -ENOENT;
	err = vfs_resolve_parent(dir_path, path, &parent, &name, &len);
	if (err)
		return err;
	dir = parent.inode;
	if (is_dot_or_dotdot(name, len) || exists(dir, name, len))
		err = -EEXIST;
	else
		err = dir->iops->symlink ? dir->iops->symlink(dir, name, len, target) : -EPERM;
	if (!err)
		fsnotify_entry(dir, IN_CREATE, name, len, 0);
	vfs_path_release(&parent);
	return err;
}

SYSCALL_DEFINE3(symlinkat, const char *, user_target, int, newdirfd, const char *, linkpath)
{
	char *target = alloc_malloc(alloc_default(), VFS_PATH_MAX);
	struct at_path at;
	long err = target ? copy_string_from_user(target, user_target, VFS_PATH_MAX) : -ENOMEM;

	if (err >= 0)
		err = at_begin(newdirfd, linkpath, &at);
	if (err >= 0) {
		err = vfs_symlink(target, at_dir(&at), at.path);
		at_done(&at);
	}
	alloc_free(alloc_default(), target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char *, target, const char *, linkpath)
{
	return sys_symlinkat(target, AT_FDCWD, linkpath);
}

SYSCALL_DEFINE4(readlinkat, int, dirfd, const char *, path, char *, buf, int, size)
{
	struct at_path at;
	struct vfs_path p;
	char *target;
	ssize_t n;
	int err;

	if (size <= 0)
		return -EINVAL;
	err = at_begin(dirfd, path, &at);
	if (err)
		return err;
	err = vfs_resolve(at_dir(&at), at.path, 0, &p);
	at_done(&at);
	if (err)
		return err;
	target = alloc_malloc(alloc_default(), VFS_PATH_MAX);
	if (!p.inode)
		n = -ENOENT;
	else if (!is_symlink(p.inode) || !p.inode->iops->readlink)
		n = -EINVAL;
	else if (!target)
		n = -ENOMEM;
	else
		n = p.inode->iops->readlink(p.inode, target, VFS_PATH_MAX);
	if (n > 0) {
		n = MIN(n, (ssize_t)size);
		if (copy_to_user(buf, target, n))
			n = -EFAULT;
	}
	alloc_free(alloc_default(), target);
	vfs_path_release(&p);
	return n;
}

SYSCALL_DEFINE3(readlink, const char *, path, char *, buf, int, size)
{
	return sys_readlinkat(AT_FDCWD, path, buf, size);
}
