/* The current directory (a canonical path) and the file-creation mask. */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

static char *cwd;
static struct inode *cwd_inode; /* to notice that the directory was removed */
static unsigned int umask_bits = 022;

const char *cwd_path(void)
{
	return cwd ? cwd : "/";
}

unsigned int vfs_umask(void)
{
	return umask_bits;
}

static int set_cwd(const char *canonical, struct inode *inode)
{
	char *copy = alloc_strdup(alloc_default(), canonical);

	if (!copy)
		return -ENOMEM;
	alloc_free(alloc_default(), cwd);
	cwd = copy;
	inode_get(inode);
	inode_put(cwd_inode);
	cwd_inode = inode;
	return 0;
}

SYSCALL_DEFINE1(chdir, const char *, user_path)
{
	struct at_path at;
	struct vfs_path p;
	int err = at_begin(AT_FDCWD, user_path, &at);

	if (err)
		return err;
	err = vfs_resolve(NULL, at.path, VFS_FOLLOW, &p);
	at_done(&at);
	if (err)
		return err;
	if (!p.inode)
		err = -ENOENT;
	else if (!is_dir(p.inode))
		err = -ENOTDIR;
	else
		err = set_cwd(p.canonical, p.inode);
	vfs_path_release(&p);
	return err;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fd_get(fd);
	int err;

	if (!f)
		return -EBADF;
	err = is_dir(f->inode) ? set_cwd(f->path, f->inode) : -ENOTDIR;
	file_put(f);
	return err;
}

SYSCALL_DEFINE2(getcwd, char *, buf, size_t, size)
{
	size_t len = strlen(cwd_path()) + 1;

	/* Removed while we were in it (a 9p server may no longer know it at all). */
	if (cwd_inode && (inode_refresh(cwd_inode) || cwd_inode->attr.nlink == 0))
		return -ENOENT;
	if (size < len)
		return -ERANGE;
	return copy_to_user(buf, cwd_path(), len) ?: (long)len;
}

SYSCALL_DEFINE1(umask, unsigned int, mask)
{
	unsigned int old = umask_bits;

	umask_bits = mask & 0777;
	return old;
}

struct saved_cwd {
	char *path;
	struct inode *inode;
	unsigned int umask;
};

void *cwd_save(void)
{
	struct saved_cwd *s = alloc_malloc(alloc_default(), sizeof(*s));

	if (!s)
		return NULL;
	s->path = cwd ? alloc_strdup(alloc_default(), cwd) : NULL;
	s->inode = cwd_inode;
	if (cwd_inode)
		inode_get(cwd_inode);
	s->umask = umask_bits;
	return s;
}

void cwd_restore(void *saved)
{
	struct saved_cwd *s = saved;

	alloc_free(alloc_default(), cwd);
	inode_put(cwd_inode);
	cwd = s->path;
	cwd_inode = s->inode;
	umask_bits = s->umask;
	alloc_free(alloc_default(), s);
}
