/*
 * 9p file-system instances and their inodes.  Mounting attaches to the
 * server behind the mount tag given as source.  Each file on the server has
 * at most one live inode (found by qid), so that two names of a file, or a
 * file looked up twice, are the same inode, as the VFS expects.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/p9_client.h>
#include "p9fs.h"

#define V9FS_MAGIC 0x01021997 /* Linux's, for statfs */

static struct filesystem p9fs;

static struct inode *find_live(struct p9fs_super *s, uint64_t qid_path)
{
	struct p9fs_inode *pi;

	list_for_each_entry(pi, &s->inodes, link) {
		if (pi->qid_path == qid_path) {
			inode_get(pi->inode);
			return pi->inode;
		}
	}
	return NULL;
}

static void set_attr(struct inode *inode, const struct p9_attr *a)
{
	struct vfs_attr *v = &inode->attr;

	v->ino = a->qid.path;
	v->mode = a->mode;
	v->nlink = a->nlink;
	v->uid = a->uid;
	v->gid = a->gid;
	v->rdev = a->rdev;
	v->size = a->size;
	v->blocks = a->blocks;
	v->blksize = a->blksize;
	v->atime = (struct vfs_timespec){a->atime_sec, a->atime_nsec};
	v->mtime = (struct vfs_timespec){a->mtime_sec, a->mtime_nsec};
	v->ctime = (struct vfs_timespec){a->ctime_sec, a->ctime_nsec};
}

int p9fs_getattr(struct inode *inode)
{
	struct p9_attr a;
	int err = p9_getattr(p9fs_client(inode), p9fs_i(inode)->fid, &a);

	if (!err)
		set_attr(inode, &a);
	return err;
}

static struct inode *new_inode(struct p9fs_super *s, uint32_t fid, const struct p9_attr *a)
{
	struct p9fs_inode *pi = alloc_malloc(alloc_default(), sizeof(*pi));
	struct inode *inode = pi ? inode_new(&s->sb, a->mode) : NULL;

	if (!inode) {
		alloc_free(alloc_default(), pi);
		return NULL;
	}
	*pi = (struct p9fs_inode){.inode = inode, .qid_path = a->qid.path, .fid = fid,
				  .read_fid = P9_NOFID};
	list_init(&pi->pages);
	set_attr(inode, a);
	inode->private = pi;
	inode->iops = &p9fs_iops;
	inode->fops = (a->mode & 0170000) == 0040000 ? &p9fs_dir_fops : &p9fs_file_fops;
	list_add(&pi->link, &s->inodes);
	return inode;
}

int p9fs_inode_get(struct p9fs_super *s, uint32_t fid, struct p9_qid qid, struct inode **out)
{
	struct p9_attr a;
	int err = 0;

	*out = find_live(s, qid.path);
	if (!*out) {
		err = p9_getattr(s->client, fid, &a);
		/* Another thread may have made the inode while this one waited. */
		if (!err && !(*out = find_live(s, qid.path))) {
			*out = new_inode(s, fid, &a);
			if (*out)
				return 0;
			err = -ENOMEM;
		}
	}
	p9_clunk(s->client, fid);
	return err;
}

/* What mount -t 9p -o trans=virtio,version=9p2000.L asks is what this client does. */
static bool known_options(const char *options)
{
	while (options && *options) {
		size_t len = strcspn(options, ",");

		if ((len != 12 || strncmp(options, "trans=virtio", len)) &&
		    (len != 16 || strncmp(options, "version=9p2000.L", len)))
			return false;
		options += len + (options[len] == ',');
	}
	return true;
}

static int p9fs_mount(const char *source, const char *options, struct inode **root)
{
	struct p9fs_super *s;
	struct p9_qid qid;
	uint32_t fid;
	int err;

	if (!source || !known_options(options))
		return -EINVAL;
	s = alloc_calloc(alloc_default(), 1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	list_init(&s->inodes);
	s->sb.fs = &p9fs;
	s->sb.dev = vfs_new_dev();
	err = p9_client_get(source, &s->client);
	if (!err)
		err = p9_attach(s->client, (struct p9_str){"", 0}, &fid, &qid);
	if (!err)
		err = p9fs_inode_get(s, fid, qid, root);
	if (err)
		alloc_free(alloc_default(), s);
	return err;
}

static struct filesystem p9fs = {.name = "9p", .magic = V9FS_MAGIC, .mount = p9fs_mount};

static int p9fs_init(void)
{
	vfs_register_filesystem(&p9fs);
	return 0;
}
INITCALL(p9fs_init, INIT_LIB);
