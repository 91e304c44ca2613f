/* The *at() syscalls' starting point: a directory descriptor or the cwd. */
#ifndef LIB_VFS_AT_H
#define LIB_VFS_AT_H

#include <tessera/vfs.h>

/*
 * Copy a path from the application and find where relative paths start:
 * *dir is NULL for AT_FDCWD, else dirfd's file (a reference to release
 * with at_done).  *path is a kernel copy.
 */
struct at_path {
	char *path;
	struct file *dir;
};
int at_begin(int dirfd, const char *user_path, struct at_path *at);
void at_done(struct at_path *at);
static inline const char *at_dir(const struct at_path *at)
{
	return at->dir ? at->dir->path : NULL;
}

/*
 * The inode (dirfd, user_path) names, one reference; flags: AT_SYMLINK_NOFOLLOW,
 * and AT_EMPTY_PATH for dirfd itself (or the cwd) when the path is empty.
 */
int at_inode(int dirfd, const char *user_path, int flags, struct inode **out);
/*
 * As at_inode, with the canonical path (vfs_path_release it), or with
 * user_path NULL the file open on dirfd (not O_PATH, as Linux's fdget).
 */
int at_target(int dirfd, const char *user_path, int flags, struct vfs_path *out);

#endif
