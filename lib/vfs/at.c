/* Copying paths in from the application, and dirfd handling for the *at() calls. */
#include <errno.h>
#include <linux/fcntl.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

int at_begin(int dirfd, const char *user_path, struct at_path *at)
{
	long n;

	at->dir = NULL;
	at->path = alloc_malloc(alloc_default(), VFS_PATH_MAX);
	if (!at->path)
		return -ENOMEM;
	n = copy_string_from_user(at->path, user_path, VFS_PATH_MAX);
	if (n < 0) {
		alloc_free(alloc_default(), at->path);
		return n;
	}
	if (dirfd == AT_FDCWD || at->path[0] == '/')
		return 0;
	at->dir = fd_get(dirfd);
	if (!at->dir) {
		alloc_free(alloc_default(), at->path);
		return -EBADF;
	}
	if (!is_dir(at->dir->inode) && at->path[0]) {
		at_done(at);
		return -ENOTDIR;
	}
	return 0;
}

void at_done(struct at_path *at)
{
	if (at->dir)
		file_put(at->dir);
	alloc_free(alloc_default(), at->path);
}

int at_inode(int dirfd, const char *user_path, int flags, struct inode **out)
{
	struct at_path at;
	struct vfs_path p;
	int err = at_begin(dirfd, user_path, &at);

	if (err)
		return err;
	if (!at.path[0]) {
		if (!(flags & AT_EMPTY_PATH))
			err = -ENOENT;
		else if (dirfd == AT_FDCWD)
			err = vfs_resolve(NULL, ".", VFS_FOLLOW, &p);
		else
			inode_get(*out = at.dir->inode);
		at_done(&at);
		if (err || dirfd != AT_FDCWD)
			return err;
	} else {
		err = vfs_resolve(at_dir(&at), at.path,
				  flags & AT_SYMLINK_NOFOLLOW ? 0 : VFS_FOLLOW, &p);
		at_done(&at);
		if (err)
			return err;
	}
	if (!p.inode) {
		vfs_path_release(&p);
		return -ENOENT;
	}
	inode_get(*out = p.inode);
	vfs_path_release(&p);
	return 0;
}

int at_inode_or_fd(int dirfd, const char *user_path, int flags, struct inode **out)
{
	struct file *f;

	if (user_path)
		return at_inode(dirfd, user_path, flags, out);
	f = fd_get_open(dirfd);
	if (!f)
		return -EBADF;
	inode_get(*out = f->inode);
	file_put(f);
	return 0;
}
