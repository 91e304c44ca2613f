/*
 * AF_UNIX names.  A path name is a socket inode, created by bind and found
 * by connect through the VFS; the socket bound to it is found by the
 * inode's device and number, so that renaming or linking the file keeps it
 * reachable, as on Linux.  An abstract name is its bytes.
 */
#include <errno.h>
#include <string.h>
#include <tessera/vfs.h>
#include "unix.h"

#define S_IFMT   0170000
#define S_IFSOCK 0140000

static LIST_HEAD(bound);

static bool is_abstract(const struct unix_name *name)
{
	return name->len && name->path[0] == '\0';
}

int unix_name_from(const struct sock_addr *addr, int len, struct unix_name *name)
{
	int bytes = len - (int)sizeof(addr->family);

	memset(name, 0, sizeof(*name));
	if (bytes < 0 || bytes > UNIX_PATH_LEN || addr->family != AF_UNIX)
		return -EINVAL;
	memcpy(name->path, addr->data, bytes);
	if (bytes && name->path[0] != '\0')
		bytes = strlen(name->path) + 1; /* a path ends at its NUL */
	name->len = bytes;
	return 0;
}

int unix_name_to(const struct unix_name *name, struct sock_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->family = AF_UNIX;
	memcpy(addr->data, name->path, name->len);
	return sizeof(addr->family) + name->len;
}

static void note_inode(struct unix_name *name, struct inode *inode)
{
	name->dev = inode->sb->dev;
	name->ino = inode->attr.ino;
}

int unix_name_create(struct unix_name *name)
{
	struct vfs_path p;
	int err;

	if (is_abstract(name))
		return 0;
	err = vfs_mknod(NULL, name->path, S_IFSOCK | 0777, 0);
	if (err)
		return err == -EEXIST ? -EADDRINUSE : err;
	err = vfs_resolve(NULL, name->path, 0, &p);
	if (err)
		return err;
	note_inode(name, p.inode);
	vfs_path_release(&p);
	return 0;
}

int unix_name_resolve(struct unix_name *name)
{
	struct vfs_path p;
	int err;

	if (is_abstract(name))
		return 0;
	err = vfs_resolve(NULL, name->path, VFS_FOLLOW, &p);
	if (err)
		return err;
	if (!p.inode)
		err = -ENOENT;
	else if ((p.inode->attr.mode & S_IFMT) != S_IFSOCK)
		err = -ECONNREFUSED;
	else
		note_inode(name, p.inode);
	vfs_path_release(&p);
	return err;
}

static bool same_name(const struct unix_name *a, const struct unix_name *b)
{
	if (is_abstract(a) || is_abstract(b))
		return a->len == b->len && !memcmp(a->path, b->path, a->len);
	return a->dev == b->dev && a->ino == b->ino;
}

int unix_name_find(const struct unix_name *name, int type, struct unix_sock **out)
{
	struct unix_sock *u;

	list_for_each_entry(u, &bound, bound_link) {
		if (same_name(&u->name, name)) {
			if (u->sock->type != type)
				return -EPROTOTYPE;
			*out = u;
			return 0;
		}
	}
	return -ECONNREFUSED;
}

int unix_name_register(struct unix_sock *u)
{
	struct unix_sock *other;

	if (is_abstract(&u->name) && !unix_name_find(&u->name, u->sock->type, &other))
		return -EADDRINUSE;
	list_add_tail(&u->bound_link, &bound);
	return 0;
}

void unix_name_unregister(struct unix_sock *u)
{
	list_del(&u->bound_link);
}
