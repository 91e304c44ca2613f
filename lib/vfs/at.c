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
