/* ramfs directories: a list of named entries, each holding a reference to its inode. */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include "ramfs_internal.h"

static struct ramfs_dirent *find(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dir *d = dir->private;
	struct ramfs_dirent *e;

	list_for_each_entry(e, &d->entries, link) {
		if (e->len == len && !memcmp(e->name, name, len))
			return e;
	}
	return NULL;
}

static int ramfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct ramfs_dirent *e = find(dir, name, len);

	if (!e)
		return -ENOENT;
	inode_get(*out = e->inode);
	return 0;
}

/* Link inode into dir under name (taking a new reference). */
static int add_entry(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ramfs_dir *d = dir->private;
	struct ramfs_dirent *e = alloc_calloc(alloc_default(), 1, sizeof(*e));

	if (!e || !(e->name = alloc_malloc(alloc_default(), len + 1))) {
		alloc_free(alloc_default(), e);
		return -ENOSPC;
	}
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->len = len;
	e->inode = inode;
	e->cookie = d->next_cookie++;
	inode_get(inode);
	list_add_tail(&e->link, &d->entries);
	if ((inode->attr.mode & 0170000) == 0040000)
		dir->attr.nlink++;
	dir->attr.mtime = dir->attr.ctime = vfs_now();
	return 0;
}

static void remove_entry(struct inode *dir, struct ramfs_dirent *e)
{
	list_del(&e->link);
	if ((e->inode->attr.mode & 0170000) == 0040000) {
		dir->attr.nlink--;
		e->inode->attr.nlink = 0;
	} else {
		e->inode->attr.nlink--;
	}
	e->inode->attr.ctime = dir->attr.mtime = dir->attr.ctime = vfs_now();
	inode_put(e->inode);
	alloc_free(alloc_default(), e->name);
	alloc_free(alloc_default(), e);
}

static int make(struct inode *dir, const char *name, size_t len, uint32_t mode,
		struct inode **out)
{
	struct inode *inode;
	int err;

	if (find(dir, name, len))
		return -EEXIST;
	inode = ramfs_new_inode(dir->sb, mode);
	if (!inode)
		return -ENOSPC;
	err = add_entry(dir, name, len, inode);
	if (err || !out)
		inode_put(inode);
	else
		*out = inode;
	return err;
}

static int ramfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
			struct inode **out)
{
	return make(dir, name, len, mode, out);
}

static int ramfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode)
{
	return make(dir, name, len, mode, NULL);
}

static int ramfs_mknod(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       uint64_t rdev)
{
	struct inode *inode;
	int err = make(dir, name, len, mode, &inode);

	if (!err) {
		inode->attr.rdev = rdev;
		inode_put(inode);
	}
	return err;
}

static int ramfs_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	struct inode *inode;
	int err = make(dir, name, len, 0120777, &inode);

	if (err)
		return err;
	inode->private = alloc_strdup(alloc_default(), target);
	inode->attr.size = strlen(target);
	err = inode->private ? 0 : -ENOSPC;
	if (err)
		remove_entry(dir, find(dir, name, len));
	inode_put(inode);
	return err;
}

static int ramfs_link(struct inode *target, struct inode *dir, const char *name, size_t len)
{
	int err = find(dir, name, len) ? -EEXIST : add_entry(dir, name, len, target);

	if (!err) {
		target->attr.nlink++;
		target->attr.ctime = vfs_now();
	}
	return err;
}

static int ramfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *e = find(dir, name, len);

	if (!e)
		return -ENOENT;
	remove_entry(dir, e);
	return 0;
}

static bool dir_empty(struct inode *dir)
{
	return list_empty(&((struct ramfs_dir *)dir->private)->entries);
}

static int ramfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *e = find(dir, name, len);

	if (!e)
		return -ENOENT;
	if (!dir_empty(e->inode))
		return -ENOTEMPTY;
	remove_entry(dir, e);
	return 0;
}

/* Is dir inside (or equal to) ancestor?  Moving a directory into itself must fail. */
static bool inside(struct inode *dir, struct inode *ancestor)
{
	struct ramfs_dirent *e;

	if (dir == ancestor)
		return true;
	list_for_each_entry(e, &((struct ramfs_dir *)ancestor->private)->entries, link) {
		if ((e->inode->attr.mode & 0170000) == 0040000 && inside(dir, e->inode))
			return true;
	}
	return false;
}

static int ramfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
			struct inode *new_dir, const char *new_name, size_t new_len)
{
	struct ramfs_dirent *src = find(old_dir, old_name, old_len);
	struct ramfs_dirent *dst = find(new_dir, new_name, new_len);
	struct ramfs_dir *to = new_dir->private;
	bool is_dir;
	char *name;

	if (!src)
		return -ENOENT;
	is_dir = (src->inode->attr.mode & 0170000) == 0040000;
	if (is_dir && inside(new_dir, src->inode))
		return -EINVAL;
	if (dst && (dst->inode->attr.mode & 0170000) == 0040000 && !dir_empty(dst->inode))
		return -ENOTEMPTY;
	name = alloc_malloc(alloc_default(), new_len + 1);
	if (!name)
		return -ENOSPC;
	memcpy(name, new_name, new_len);
	name[new_len] = '\0';
	if (dst)
		remove_entry(new_dir, dst);
	/* Move the entry itself: the inode keeps its links and its reference. */
	list_del(&src->link);
	alloc_free(alloc_default(), src->name);
	src->name = name;
	src->len = new_len;
	src->cookie = to->next_cookie++;
	list_add_tail(&src->link, &to->entries);
	if (is_dir) {
		old_dir->attr.nlink--;
		new_dir->attr.nlink++;
	}
	src->inode->attr.ctime = old_dir->attr.mtime = new_dir->attr.mtime = vfs_now();
	return 0;
}

static int ramfs_readdir(struct file *file, struct dir_context *ctx)
{
	struct ramfs_dir *d = file->inode->private;
	struct ramfs_dirent *e;

	if (ctx->pos == 0 && ctx->emit(ctx, ".", 1, file->inode->attr.ino, 4, 1))
		return 0;
	if (ctx->pos == 1 && ctx->emit(ctx, "..", 2, file->inode->attr.ino, 4, 2))
		return 0;
	list_for_each_entry(e, &d->entries, link) {
		if (e->cookie < ctx->pos)
			continue;
		if (ctx->emit(ctx, e->name, e->len, e->inode->attr.ino,
			      (e->inode->attr.mode >> 12) & 017, e->cookie + 1))
			break;
	}
	return 0;
}

static void ramfs_dir_evict(struct inode *inode)
{
	struct ramfs_dir *d = inode->private;
	struct ramfs_dirent *e, *tmp;

	if (!d)
		return;
	list_for_each_entry_safe(e, tmp, &d->entries, link)
		remove_entry(inode, e);
	alloc_free(alloc_default(), d);
}

const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mknod = ramfs_mknod,
	.mkdir = ramfs_mkdir,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.link = ramfs_link,
	.symlink = ramfs_symlink,
	.setattr = ramfs_common_setattr,
	.evict = ramfs_dir_evict,
};

const struct file_operations ramfs_dir_fops = {
	.readdir = ramfs_readdir,
};
