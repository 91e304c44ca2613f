/*
 * File system types and the mount table.  A mount binds the root inode of a
 * file-system instance to a canonical path; path resolution asks mount_at()
 * each time it enters a directory.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/printk.h>
#include "vfs_internal.h"

static LIST_HEAD(filesystems);
LIST_HEAD(vfs_mounts);
static struct inode *root;

void vfs_register_filesystem(struct filesystem *fs)
{
	list_add_tail(&fs->link, &filesystems);
}

struct filesystem *vfs_find_filesystem(const char *name)
{
	struct filesystem *fs;

	list_for_each_entry(fs, &filesystems, link) {
		if (!strcmp(fs->name, name))
			return fs;
	}
	return NULL;
}

struct inode *vfs_root(void)
{
	if (root)
		inode_get(root);
	return root;
}

struct mount *mount_find(const char *canonical)
{
	struct mount *m;

	/* The latest mount on a path hides the earlier ones. */
	list_for_each_entry_reverse (m, &vfs_mounts, link) {
		if (!strcmp(m->path, canonical))
			return m;
	}
	return NULL;
}

struct inode *mount_at(const char *canonical)
{
	struct mount *m = mount_find(canonical);

	return m ? m->root : NULL;
}

int mount_add(const char *canonical, struct inode *fs_root, const struct filesystem *fs,
	      const char *source)
{
	struct mount *m = alloc_calloc(alloc_default(), 1, sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->path = alloc_strdup(alloc_default(), canonical);
	m->source = alloc_strdup(alloc_default(), source ? source : "none");
	if (!m->path || !m->source) {
		alloc_free(alloc_default(), m->path);
		alloc_free(alloc_default(), m->source);
		alloc_free(alloc_default(), m);
		return -ENOMEM;
	}
	m->root = fs_root;
	m->fs = fs;
	list_add_tail(&m->link, &vfs_mounts);
	return 0;
}

void vfs_for_each_filesystem(void (*fn)(const struct filesystem *fs, void *ctx), void *ctx)
{
	struct filesystem *fs;

	list_for_each_entry(fs, &filesystems, link)
		fn(fs, ctx);
}

void vfs_for_each_mount(void (*fn)(const struct vfs_mount_info *m, void *ctx), void *ctx)
{
	struct mount *m;

	list_for_each_entry (m, &vfs_mounts, link) {
		struct vfs_mount_info info = {
			.path = m->path,
			.fs_name = m->fs->name,
			.source = m->source,
			.dev = m->root->sb ? m->root->sb->dev : 0,
		};

		fn(&info, ctx);
	}
}

int vfs_mount(const char *fs_name, const char *source, const char *target, const char *options)
{
	struct filesystem *fs = vfs_find_filesystem(fs_name);
	struct inode *fs_root;
	struct vfs_path where = {0};
	int err;

	if (!fs)
		return -ENODEV;
	if (!root && strcmp(target, "/"))
		return -ENOENT;
	if (root) {
		err = vfs_resolve(NULL, target, VFS_FOLLOW, &where);
		if (err)
			return err;
		if (!where.inode || !is_dir(where.inode)) {
			err = where.inode ? -ENOTDIR : -ENOENT;
			goto out;
		}
	}
	err = fs->mount(source, options, &fs_root);
	if (err)
		goto out;
	if (fs_root->sb && !fs_root->sb->fs)
		fs_root->sb->fs = fs; /* statfs's f_type: tmpfs and ramfs share their mount */
	if (!root) {
		root = fs_root;
		err = mount_add("/", fs_root, fs, source);
	} else {
		err = mount_add(where.canonical, fs_root, fs, source);
	}
	if (!err)
		pr_info("vfs: mounted %s (%s) on %s\n", fs_name, source ? source : "none", target);
out:
	if (where.canonical)
		vfs_path_release(&where);
	return err;
}
