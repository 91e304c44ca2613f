/*
 * mount and umount2 over the one mount table (mount.c).  New mounts of the
 * registered file systems ("tmpfs", "ramfs", "proc", "devtmpfs", "9p" by
 * its tag), bind mounts (MS_REC: with the mounts below), remounts, and
 * propagation changes, which have nothing to do with one name space.  What
 * would need enforcing that nothing here enforces (MS_RDONLY, MS_NODEV,
 * MS_NOEXEC, ...) and MS_MOVE (open files keep the paths they were opened
 * by) are refused with -EINVAL rather than pretended.
 */
#include <errno.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "vfs_internal.h"

#define PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)
/* No effect to enforce: atime is never updated by reads, and the one user is root. */
#define NO_EFFECT                                                                                  \
	(MS_NOSUID | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME | MS_LAZYTIME |     \
	 MS_SILENT | MS_REC)
#define DATA_MAX 4096 /* Linux copies one page of mount options */

/* umount2 flags (<sys/mount.h> in the C libraries). */
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW 0x8

struct mount_args {
	char *source, *target, *type, *data; /* NULL when not given */
};

/* A string argument, NULL when the pointer is NULL: -EFAULT, or -EINVAL when too long. */
static int copy_arg(const char *user, size_t max, char **out)
{
	long n;

	*out = NULL;
	if (!user)
		return 0;
	*out = alloc_malloc(alloc_default(), max);
	if (!*out)
		return -ENOMEM;
	n = copy_string_from_user(*out, user, max);
	return n == -EFAULT ? -EFAULT : n < 0 ? -EINVAL : 0;
}

static void free_args(struct mount_args *a)
{
	alloc_free(alloc_default(), a->source);
	alloc_free(alloc_default(), a->target);
	alloc_free(alloc_default(), a->type);
	alloc_free(alloc_default(), a->data);
}

static bool is_under(const char *path, const char *top)
{
	size_t len = strlen(top);

	if (!strcmp(top, "/"))
		return path[0] == '/';
	return !strncmp(path, top, len) && (path[len] == '/' || !path[len]);
}

/* The mount a canonical path is in: the latest one on its longest mounted prefix. */
static struct mount *mount_containing(const char *canonical)
{
	struct mount *m, *best = NULL;

	list_for_each_entry (m, &vfs_mounts, link) {
		if (is_under(canonical, m->path) &&
		    (!best || strlen(m->path) >= strlen(best->path)))
			best = m;
	}
	return best;
}

static int bind_one(const char *target, struct inode *inode, const struct mount *from)
{
	int err;

	inode_get(inode);
	err = mount_add(target, inode, from->fs, from->source);
	if (err)
		inode_put(inode);
	return err;
}

/*
 * MS_REC: the mounts below the source, up to last (those made before this
 * call), bound at the same places below the target.
 */
static int bind_below(const char *source, const char *target, struct mount *last)
{
	size_t source_len = strcmp(source, "/") ? strlen(source) : 0;
	size_t target_len = strcmp(target, "/") ? strlen(target) : 0;
	char *path = alloc_malloc(alloc_default(), VFS_PATH_MAX);
	struct mount *m;
	int err = path ? 0 : -ENOMEM;

	list_for_each_entry (m, &vfs_mounts, link) {
		if (err)
			break;
		if (strcmp(m->path, source) && is_under(m->path, source)) {
			if (target_len + strlen(m->path + source_len) >= VFS_PATH_MAX) {
				err = -ENAMETOOLONG;
				break;
			}
			memcpy(path, target, target_len);
			strcpy(path + target_len, m->path + source_len);
			err = bind_one(path, m->root, m);
		}
		if (m == last)
			break;
	}
	alloc_free(alloc_default(), path);
	return err;
}

static int bind(const char *source, struct vfs_path *where, bool recursive)
{
	struct mount *last = list_entry(vfs_mounts.prev, struct mount, link);
	struct vfs_path src;
	int err;

	if (!source || !*source)
		return -EINVAL;
	err = vfs_resolve(NULL, source, VFS_FOLLOW, &src);
	if (err)
		return err;
	if (!src.inode)
		err = -ENOENT;
	else if (is_dir(src.inode) != is_dir(where->inode))
		err = -ENOTDIR;
	else
		err = bind_one(where->canonical, src.inode, mount_containing(src.canonical));
	if (!err && recursive)
		err = bind_below(src.canonical, where->canonical, last);
	vfs_path_release(&src);
	return err;
}

/* Exactly one kind of propagation, and nothing else but MS_REC and MS_SILENT. */
static bool one_propagation(unsigned long flags)
{
	unsigned long type = flags & ~(MS_REC | MS_SILENT);

	return (type & PROPAGATION) && !(type & (type - 1));
}

static long do_mount(struct mount_args *a, unsigned long flags)
{
	struct vfs_path where;
	bool mount_point;
	long err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = vfs_resolve(NULL, a->target, VFS_FOLLOW, &where);
	if (err)
		return err;
	mount_point = mount_find(where.canonical) != NULL;
	if (!where.inode)
		err = -ENOENT;
	else if (flags & MS_NOUSER)
		err = -EINVAL;
	else if (flags & MS_REMOUNT)
		err = !mount_point || (flags & ~(NO_EFFECT | MS_REMOUNT | MS_BIND)) ? -EINVAL : 0;
	else if (flags & MS_BIND)
		err = flags & ~(NO_EFFECT | MS_BIND) ? -EINVAL
						     : bind(a->source, &where, flags & MS_REC);
	else if (flags & PROPAGATION)
		err = mount_point && one_propagation(flags) ? 0 : -EINVAL;
	else if ((flags & MS_MOVE) || (flags & ~NO_EFFECT) || !a->type)
		err = -EINVAL;
	else if (!vfs_find_filesystem(a->type))
		err = -ENODEV;
	else if (!is_dir(where.inode))
		err = -ENOTDIR;
	else
		err = vfs_mount(a->type, a->source, where.canonical,
				a->data && *a->data ? a->data : NULL);
	vfs_path_release(&where);
	return err;
}

SYSCALL_DEFINE5(mount, const char *, source, const char *, target, const char *, type,
		unsigned long, flags, const void *, data)
{
	struct mount_args a;
	long err = copy_arg(type, VFS_PATH_MAX, &a.type);

	err = err ?: copy_arg(source, VFS_PATH_MAX, &a.source);
	err = err ?: copy_arg(data, DATA_MAX, &a.data);
	err = err ?: copy_arg(target, VFS_PATH_MAX, &a.target);
	if (!err && (!a.target || !a.target[0]))
		err = a.target ? -ENOENT : -EFAULT;
	err = err ?: do_mount(&a, flags);
	free_args(&a);
	return err;
}

/* Open files, the current directory, the root and other mounts below keep a mount busy. */
static bool busy(const struct mount *m)
{
	struct mount *other;

	if (is_under(cwd_path(), m->path) || is_under(root_path(), m->path))
		return true;
	list_for_each_entry (other, &vfs_mounts, link) {
		if (other != m && is_under(other->path, m->path) && strcmp(other->path, m->path))
			return true;
	}
	for (int fd = 0; fd <= fd_highest(); fd++) {
		struct file *f = fd_get(fd);
		bool in = f && is_under(f->path, m->path);

		if (f)
			file_put(f);
		if (in)
			return true;
	}
	return false;
}

/* The last mount of a file system tells inotify's watches on it (IN_UNMOUNT). */
static void detach(struct mount *m)
{
	const struct super_block *sb = m->root->sb;
	struct mount *other;
	bool last = sb != NULL;

	list_del(&m->link);
	list_for_each_entry (other, &vfs_mounts, link)
		last = last && other->root->sb != sb;
	if (last)
		fsnotify_unmount(sb);
	inode_put(m->root);
	alloc_free(alloc_default(), m->path);
	alloc_free(alloc_default(), m->source);
	alloc_free(alloc_default(), m);
}

/* MNT_DETACH takes the mounts below along; files open there keep working. */
static long do_umount(const char *canonical, int flags)
{
	struct mount *m = mount_find(canonical), *other, *tmp;

	if (!m)
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (!strcmp(m->path, "/") || !strcmp(m->path, root_path()))
		return -EBUSY;
	if ((flags & MNT_EXPIRE) && !m->expiring) {
		m->expiring = true;
		return -EAGAIN;
	}
	if (!(flags & MNT_DETACH) && busy(m))
		return -EBUSY;
	list_for_each_entry_safe (other, tmp, &vfs_mounts, link) {
		if (other != m && is_under(other->path, m->path) && strcmp(other->path, m->path))
			detach(other);
	}
	detach(m);
	return 0;
}

SYSCALL_DEFINE2(umount2, const char *, user_target, int, flags)
{
	struct vfs_path p;
	char *target;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = copy_arg(user_target, VFS_PATH_MAX, &target);
	if (!err && !target)
		err = -EFAULT;
	if (!err && !target[0])
		err = -ENOENT;
	err = err ?: vfs_resolve(NULL, target, flags & UMOUNT_NOFOLLOW ? 0 : VFS_FOLLOW, &p);
	alloc_free(alloc_default(), target);
	if (err)
		return err;
	err = p.inode ? do_umount(p.canonical, flags) : -ENOENT;
	vfs_path_release(&p);
	return err;
}
