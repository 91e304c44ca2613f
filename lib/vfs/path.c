/*
 * Path resolution.  Components are taken one by one from a work buffer;
 * a symlink's target is spliced in front of what remains.  The canonical
 * path grows as components resolve to real directories, so ".." is simply
 * dropping its last component and walking the result again from the root
 * (no symlinks left on it), which gives the physical parent across mounts.
 * Absolute paths and symlink targets start at the process's root (chroot),
 * and ".." there stays there.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/metrics.h>
#include "vfs_internal.h"

struct walk {
	char *canonical; /* VFS_PATH_MAX bytes */
	size_t canonical_len;
	struct inode *inode; /* one reference */
	char *rest;          /* remaining components, in a 2 * VFS_PATH_MAX buffer */
	int links;
};

static void set_inode(struct walk *w, struct inode *inode)
{
	inode_put(w->inode);
	w->inode = inode;
}

/* Enter directory entry name of w->inode (a reference to the child is given). */
static void enter(struct walk *w, struct inode *child, const char *name, size_t len)
{
	struct inode *mounted;

	if (w->canonical_len > 1)
		w->canonical[w->canonical_len++] = '/';
	memcpy(w->canonical + w->canonical_len, name, len);
	w->canonical_len += len;
	w->canonical[w->canonical_len] = '\0';
	mounted = mount_at(w->canonical);
	if (mounted) {
		inode_put(child);
		inode_get(mounted);
		child = mounted;
	}
	set_inode(w, child);
}

METRIC_COUNTER(lookups, "tessera_vfs_lookups_total",
	       "Path components looked up in a directory (cached or not)");

static int lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	metric_add(lookups, 1);
	if (!is_dir(dir))
		return -ENOTDIR;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (!dir->iops || !dir->iops->lookup)
		return -ENOENT;
	return dir->iops->lookup(dir, name, len, out);
}

/* Walk a canonical path (no symlinks, "." or "..") from the root. */
static int walk_canonical(struct walk *w, const char *path)
{
	const char *p = path;

	w->canonical_len = 1;
	strcpy(w->canonical, "/");
	set_inode(w, vfs_root());
	if (!w->inode)
		return -ENOENT;
	while (*p) {
		const char *name;
		size_t len;
		struct inode *child;
		int err;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		name = p;
		len = strcspn(p, "/");
		p += len;
		err = lookup(w->inode, name, len, &child);
		if (err)
			return err;
		enter(w, child, name, len);
	}
	return 0;
}

static int go_up(struct walk *w)
{
	char parent[VFS_PATH_MAX];
	char *slash;

	if (!strcmp(w->canonical, root_path()))
		return 0;
	strcpy(parent, w->canonical);
	slash = strrchr(parent, '/');
	parent[slash == parent ? 1 : slash - parent] = '\0';
	return walk_canonical(w, parent);
}

/* Go to the open file a magic link stands for; the rest of the path goes on from there. */
static int jump_to_file(struct walk *w, struct inode *link, const char *rest)
{
	struct file *f = link->iops->link_file(link);

	if (!f)
		return -ENOENT;
	memmove(w->rest, rest, strlen(rest) + 1);
	inode_get(f->inode);
	set_inode(w, f->inode);
	w->canonical_len = strlen(f->path);
	memcpy(w->canonical, f->path, w->canonical_len + 1);
	file_put(f);
	return 0;
}

/* Replace the symlink at this point of the walk by its target. */
static int splice_symlink(struct walk *w, struct inode *link, const char *rest)
{
	char target[VFS_PATH_MAX];
	ssize_t n;
	size_t rest_len = strlen(rest);

	if (++w->links > VFS_SYMLINK_MAX)
		return -ELOOP;
	if (link->iops && link->iops->link_file)
		return jump_to_file(w, link, rest);
	n = link->iops && link->iops->readlink ? link->iops->readlink(link, target, sizeof(target))
					       : -EINVAL;
	if (n < 0)
		return n;
	if (n == 0)
		return -ENOENT;
	if ((size_t)n + 1 + rest_len >= 2 * VFS_PATH_MAX)
		return -ENAMETOOLONG;
	/* target, then "/rest" if anything remains (no trailing slash: that means "a directory"). */
	memmove(w->rest + n + (rest_len ? 1 : 0), rest, rest_len + 1);
	memcpy(w->rest, target, n);
	if (rest_len)
		w->rest[n] = '/';
	if (target[0] == '/')
		return walk_canonical(w, root_path());
	return 0;
}

static bool last_component(const char *p)
{
	return p[strspn(p, "/")] == '\0';
}

static int start(struct walk *w, const char *dir_path, const char *path)
{
	size_t len = strlen(path);

	*w = (struct walk){.inode = NULL};
	if (len == 0)
		return -ENOENT;
	if (len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	w->canonical = alloc_malloc(alloc_default(), VFS_PATH_MAX);
	w->rest = alloc_malloc(alloc_default(), 2 * VFS_PATH_MAX);
	if (!w->canonical || !w->rest)
		return -ENOMEM;
	memcpy(w->rest, path, len + 1);
	return walk_canonical(w, path[0] == '/' ? root_path() : dir_path ? dir_path : cwd_path());
}

static void finish(struct walk *w, int err, struct vfs_path *out)
{
	alloc_free(alloc_default(), w->rest);
	if (err || !out) {
		inode_put(w->inode);
		alloc_free(alloc_default(), w->canonical);
		return;
	}
	out->inode = w->inode;
	out->canonical = w->canonical;
}

/*
 * Resolve w->rest.  With stop_before_last, stop at the last component and
 * leave it in *last (a pointer into w->rest).  A missing last component is
 * not an error: w->inode becomes NULL and the canonical path names it.
 */
static int resolve(struct walk *w, unsigned int flags, bool stop_before_last, const char **last,
		   size_t *last_len)
{
	char *p = w->rest;

	for (;;) {
		const char *name;
		size_t len;
		bool is_last, trailing_slash;
		struct inode *child;
		int err;

		while (*p == '/')
			p++;
		if (!*p) /* "/" as a name to create: it exists */
			return stop_before_last ? -EEXIST : 0;
		name = p;
		len = strcspn(p, "/");
		p += len;
		trailing_slash = *p == '/';
		is_last = last_component(p);
		if (is_last && stop_before_last) {
			*last = name;
			*last_len = len;
			return is_dir(w->inode) ? 0 : -ENOTDIR;
		}
		if (len == 1 && name[0] == '.') {
			if (!is_dir(w->inode))
				return -ENOTDIR;
			continue;
		}
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			if (!is_dir(w->inode))
				return -ENOTDIR;
			err = go_up(w);
			if (err)
				return err;
			continue;
		}
		err = lookup(w->inode, name, len, &child);
		if (err == -ENOENT && is_last) {
			enter(w, NULL, name, len); /* names the missing file */
			return 0;
		}
		if (err)
			return err;
		if (is_symlink(child) && (!is_last || trailing_slash || (flags & VFS_FOLLOW))) {
			err = splice_symlink(w, child, p);
			inode_put(child);
			if (err)
				return err;
			p = w->rest;
			continue;
		}
		enter(w, child, name, len);
		if (is_last && trailing_slash && !is_dir(w->inode))
			return -ENOTDIR;
	}
}

int vfs_resolve(const char *dir_path, const char *path, unsigned int flags, struct vfs_path *out)
{
	struct walk w;
	int err = start(&w, dir_path, path);

	err = err ?: resolve(&w, flags, false, NULL, NULL);
	finish(&w, err, out);
	return err;
}

/* The last component of path, trailing slashes ignored. */
static void last_of(const char *path, const char **name, size_t *len)
{
	size_t end = strlen(path), begin;

	while (end > 1 && path[end - 1] == '/')
		end--;
	for (begin = end; begin > 0 && path[begin - 1] != '/'; begin--)
		;
	*name = path + begin;
	*len = end - begin;
}

/*
 * Symlinks only ever replace components before the last one, so the last
 * component is always the tail of path itself: name points into path.
 */
int vfs_resolve_parent(const char *dir_path, const char *path, struct vfs_path *parent,
		       const char **name, size_t *len)
{
	struct walk w;
	const char *unused;
	size_t unused_len;
	int err = start(&w, dir_path, path);

	err = err ?: resolve(&w, VFS_FOLLOW, true, &unused, &unused_len);
	if (!err) {
		last_of(path, name, len);
		if (*len > VFS_NAME_MAX)
			err = -ENAMETOOLONG;
	}
	finish(&w, err, parent);
	return err;
}

void vfs_path_release(struct vfs_path *p)
{
	inode_put(p->inode);
	alloc_free(alloc_default(), p->canonical);
	p->inode = NULL;
	p->canonical = NULL;
}
