/*
 * The mount table (/proc/1/mounts, mountinfo) and the file-system types
 * (/proc/filesystems), from lib/vfs.
 *
 * Mount ids count from 2 in mount order: on Linux, mount 1 is the initial
 * rootfs under everything, the root's parent, which mountinfo never lists.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include "procfs_internal.h"

#define ROOT_PARENT_ID 1
#define FIRST_MOUNT_ID 2
#define MOUNT_OPTIONS  "rw,relatime" /* no mount options are kept: what Linux shows by default */

struct mount_list {
	struct vfs_mount_info *m;
	size_t n, cap;
};

static void add(const struct vfs_mount_info *m, void *ctx)
{
	struct mount_list *l = ctx;

	if (l->n < l->cap)
		l->m[l->n] = *m;
	l->n++;
}

/* A snapshot of the mount table (its strings are the table's, valid until it changes). */
static int get_mounts(struct mount_list *l)
{
	*l = (struct mount_list){0};
	vfs_for_each_mount(add, l);
	l->m = alloc_calloc(alloc_default(), l->n ?: 1, sizeof(*l->m));
	if (!l->m)
		return -ENOMEM;
	l->cap = l->n;
	l->n = 0;
	vfs_for_each_mount(add, l);
	return 0;
}

/* path is mount point dir or below it. */
static bool is_under(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	if (!strcmp(dir, "/"))
		return path[0] == '/';
	return !strncmp(path, dir, len) && (path[len] == '/' || path[len] == '\0');
}

/* The mount holding path: the deepest mount point above it; of equals, the latest (on top). */
static int holder(const struct mount_list *l, const char *path, size_t before)
{
	int best = -1;

	for (size_t i = 0; i < before; i++) {
		if (is_under(path, l->m[i].path) &&
		    (best < 0 || strlen(l->m[i].path) >= strlen(l->m[best].path)))
			best = i;
	}
	return best;
}

int proc_mount_id(const char *path)
{
	struct mount_list l;
	int i;

	if (get_mounts(&l))
		return FIRST_MOUNT_ID;
	i = holder(&l, path, l.n);
	alloc_free(alloc_default(), l.m);
	/* Pipes and such have no path: the root's, for want of their own. */
	return FIRST_MOUNT_ID + (i < 0 ? 0 : i);
}

/* Spaces and the like as octal escapes, so that fields stay split by spaces. */
static void put_mangled(struct proc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			proc_printf(b, "\\%03o", (unsigned char)*s);
		else
			proc_put(b, s, 1);
	}
}

/* fstab format: source, mount point, type, options, dump, pass. */
int proc_show_mounts(struct proc_buf *b, const struct proc_node *node)
{
	struct mount_list l;

	(void)node;
	if (get_mounts(&l))
		return -ENOMEM;
	for (size_t i = 0; i < l.n; i++) {
		put_mangled(b, l.m[i].source);
		proc_put(b, " ", 1);
		put_mangled(b, l.m[i].path);
		proc_printf(b, " %s " MOUNT_OPTIONS " 0 0\n", l.m[i].fs_name);
	}
	alloc_free(alloc_default(), l.m);
	return 0;
}

/* id parent major:minor root mount-point options [optional fields] - type source super-options */
int proc_show_mountinfo(struct proc_buf *b, const struct proc_node *node)
{
	struct mount_list l;

	(void)node;
	if (get_mounts(&l))
		return -ENOMEM;
	for (size_t i = 0; i < l.n; i++) {
		int parent = i ? holder(&l, l.m[i].path, i) : -1;

		proc_printf(b, "%zu %d 0:%lu / ", FIRST_MOUNT_ID + i,
			    parent < 0 ? ROOT_PARENT_ID : FIRST_MOUNT_ID + parent,
			    (unsigned long)l.m[i].dev);
		put_mangled(b, l.m[i].path);
		proc_printf(b, " " MOUNT_OPTIONS " - %s ", l.m[i].fs_name);
		put_mangled(b, l.m[i].source);
		proc_put(b, " rw\n", 4);
	}
	alloc_free(alloc_default(), l.m);
	return 0;
}

static void put_filesystem(const struct filesystem *fs, void *ctx)
{
	/* None needs a block device. */
	proc_printf(ctx, "nodev\t%s\n", fs->name);
}

int proc_show_filesystems(struct proc_buf *b, const struct proc_node *node)
{
	(void)node;
	vfs_for_each_filesystem(put_filesystem, b);
	return 0;
}
