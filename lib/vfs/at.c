/* Copying paths in from the application, and dirfd handling for the *at() calls. */
#include <errno.h>
#include <linux/fcntl.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

/* An open file's inode and path, as vfs_resolve gives them. */
static int path_of_file(struct file *f, struct vfs_path *out)
{
	out->canonical = alloc_strdup(alloc_default(), f->path);
	if (!out->canonical)
		return -ENOMEM;
	inode_get(out->inode = f->inode);
	return 0;
}

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

/* The file (dirfd, user_path) names, as an inode and its canonical path. */
static int at_lookup(int dirfd, const char *user_path, int flags, struct vfs_path *out)
{
	struct at_path at;
	int err = at_begin(dirfd, user_path, &at);

	if (err)
		return err;
	if (!at.path[0] && !(flags & AT_EMPTY_PATH))
		err = -ENOENT;
	else if (!at.path[0] && dirfd != AT_FDCWD)
		err = path_of_file(at.dir, out);
	else
		err = vfs_resolve(at_dir(&at), at.path[0] ? at.path : ".",
				  flags & AT_SYMLINK_NOFOLLOW ? 0 : VFS_FOLLOW, out);
	at_done(&at);
	if (!err && !out->inode) {
		vfs_path_release(out);
		err = -ENOENT;
	}
	return err;
}

int at_inode(int dirfd, const char *user_path, int flags, struct inode **out)
{
	struct vfs_path p;
	int err = at_lookup(dirfd, user_path, flags, &p);

	if (err)
		return err;
	inode_get(*out = p.inode);
	vfs_path_release(&p);
	return 0;
}

int at_target(int dirfd, const char *user_path, int flags, struct vfs_path *out)
{
	struct file *f;
	int err;

	if (user_path)
		return at_lookup(dirfd, user_path, flags, out);
	f = fd_get_open(dirfd);
	if (!f)
		return -EBADF;
	err = path_of_file(f, out);
	file_put(f);
	return err;
}
