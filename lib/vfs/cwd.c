/*
 * The process's current directory and root (canonical paths of the whole
 * name space) and its file-creation mask.  chroot changes where absolute
 * paths start and where ".." stops (path.c); paths shown to the process
 * (getcwd, /proc links) are then relative to its root.
 */
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
static char *root;		/* NULL: the name space's own root */
static unsigned int umask_bits = 022;

const char *cwd_path(void)
{
	return cwd ? cwd : "/";
}

const char *root_path(void)
{
	return root ? root : "/";
}

/* The part of canonical below the root, or NULL when canonical is not under it. */
static const char *below_root(const char *canonical)
{
	size_t len = root ? strlen(root) : 0;

	if (!root)
		return canonical;
	if (strncmp(canonical, root, len) || (canonical[len] && canonical[len] != '/'))
		return NULL;
	return canonical[len] ? canonical + len : "/";
}

const char *vfs_user_path(const char *canonical)
{
	const char *p = below_root(canonical);

	return p ? p : canonical;
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

/* The directory a user path names (chdir, chroot); *p is the caller's to release. */
static int resolve_dir(const char *user_path, struct vfs_path *p)
{
	struct at_path at;
	int err = at_begin(AT_FDCWD, user_path, &at);

	if (err)
		return err;
	err = vfs_resolve(NULL, at.path, VFS_FOLLOW, p);
	at_done(&at);
	if (err)
		return err;
	err = !p->inode ? -ENOENT : !is_dir(p->inode) ? -ENOTDIR : 0;
	if (err)
		vfs_path_release(p);
	return err;
}

SYSCALL_DEFINE1(chdir, const char *, user_path)
{
	struct vfs_path p;
	int err = resolve_dir(user_path, &p);

	if (err)
		return err;
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

/* A directory outside the root (chroot without chdir) is "(unreachable)" and its whole path. */
SYSCALL_DEFINE2(getcwd, char *, buf, size_t, size)
{
	const char *shown = below_root(cwd_path());
	const char *prefix = shown ? "" : "(unreachable)";
	size_t plen = strlen(prefix), len;

	shown = shown ?: cwd_path();
	len = plen + strlen(shown) + 1;
	/* Removed while we were in it (a 9p server may no longer know it at all). */
	if (cwd_inode && (inode_refresh(cwd_inode) || cwd_inode->attr.nlink == 0))
		return -ENOENT;
	if (size < len)
		return -ERANGE;
	return copy_to_user(buf, prefix, plen) ?: copy_to_user(buf + plen, shown, len - plen) ?:
								      (long)len;
}

/* Only the root changes: the current directory stays, even outside it, as on Linux. */
SYSCALL_DEFINE1(chroot, const char *, user_path)
{
	struct vfs_path p;
	char *copy = NULL;
	int err = resolve_dir(user_path, &p);

	if (err)
		return err;
	if (strcmp(p.canonical, "/")) {
		copy = alloc_strdup(alloc_default(), p.canonical);
		err = copy ? 0 : -ENOMEM;
	}
	if (!err) {
		alloc_free(alloc_default(), root);
		root = copy; /* NULL for "/" itself */
	}
	vfs_path_release(&p);
	return err;
}

SYSCALL_DEFINE1(umask, unsigned int, mask)
{
	unsigned int old = umask_bits;

	umask_bits = mask & 0777;
	return old;
}

struct saved_cwd {
	char *path, *root;
	struct inode *inode;
	unsigned int umask;
};

void *cwd_save(void)
{
	struct saved_cwd *s = alloc_malloc(alloc_default(), sizeof(*s));

	if (!s)
		return NULL;
	s->path = cwd ? alloc_strdup(alloc_default(), cwd) : NULL;
	s->root = root ? alloc_strdup(alloc_default(), root) : NULL;
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
	alloc_free(alloc_default(), root);
	inode_put(cwd_inode);
	cwd = s->path;
	root = s->root;
	cwd_inode = s->inode;
	umask_bits = s->umask;
	alloc_free(alloc_default(), s);
}
