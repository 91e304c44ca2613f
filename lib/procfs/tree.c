/*
 * The machinery of the /proc tree: inodes for table entries, directory
 * lookup and listing, and files whose text is made at open.
 *
 * An entry's inode is made on first lookup and kept by the table, so that
 * a path names the same inode each time (tools such as fts compare the
 * inode numbers of a directory before and after entering it).  Numbered
 * entries come and go; their inode numbers are derived from the number.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/fmt.h>
#include <tessera/uaccess.h>
#include "procfs_internal.h"

#define WRITE_MAX	  4096 /* one write to a /proc file: a page, as Linux's sysctl takes */
#define NUMBER_DIGITS_MAX 9

/* Above the numbers vfs_new_ino hands out; fds are below FD_LIMIT_HARD (2^16). */
#define NUMBERED_INO(dir_ino, n) ((1ULL << 48) | ((uint64_t)(dir_ino) << 20) | (uint64_t)(n))

struct super_block proc_sb;

static const struct inode_operations dir_iops, link_iops, file_link_iops, file_iops;
static const struct file_operations dir_fops, file_fops;

static const struct proc_node *node_of(const struct inode *inode)
{
	return inode->private;
}

static struct inode *new_inode(const struct proc_entry *entry, long number)
{
	struct proc_node *node = alloc_malloc(alloc_default(), sizeof(*node));
	struct inode *inode = node ? inode_new(&proc_sb, entry->mode) : NULL;

	if (!inode) {
		alloc_free(alloc_default(), node);
		return NULL;
	}
	*node = (struct proc_node){.entry = entry, .number = number};
	inode->private = node;
	switch (entry->mode & S_IFMT) {
	case S_IFDIR:
		inode->iops = &dir_iops;
		inode->fops = &dir_fops;
		inode->attr.nlink = 2;
		break;
	case S_IFLNK:
		inode->iops = entry->file ? &file_link_iops : &link_iops;
		break;
	default:
		inode->iops = &file_iops;
		inode->fops = &file_fops;
		break;
	}
	return inode;
}

/* The entry's kept inode (no reference taken), made if needed; NULL when out of memory. */
static struct inode *kept_inode(struct proc_entry *entry)
{
	if (!entry->inode)
		entry->inode = new_inode(entry, 0);
	return entry->inode;
}

struct inode *proc_entry_inode(struct proc_entry *entry)
{
	struct inode *inode = kept_inode(entry);

	if (inode)
		inode_get(inode);
	return inode;
}

static void proc_evict(struct inode *inode)
{
	alloc_free(alloc_default(), inode->private);
}

/* Chmod and chown are refused, as on Linux; truncation (open with O_TRUNC) does nothing. */
static int proc_setattr(struct inode *inode, const struct vfs_attr *attr, unsigned int mask)
{
	(void)inode;
	(void)attr;
	return mask & (VFS_SET_MODE | VFS_SET_UID | VFS_SET_GID) ? -EPERM : 0;
}

/* Directories. */

/* A canonical decimal number ("0", "17", not "017"), or -1. */
static long parse_number(const char *name, size_t len)
{
	long n = 0;

	if (len == 0 || len > NUMBER_DIGITS_MAX || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

static int proc_lookup(struct inode *dir_inode, const char *name, size_t len, struct inode **out)
{
	const struct proc_dir *dir = node_of(dir_inode)->entry->dir;
	long n;

	for (size_t i = 0; i < dir->nr_entries; i++) {
		struct proc_entry *e = &dir->entries[i];

		if (strlen(e->name) == len && !memcmp(e->name, name, len)) {
			*out = proc_entry_inode(e);
			return *out ? 0 : -ENOMEM;
		}
	}
	n = parse_number(name, len);
	if (!dir->numbered || n < 0 || dir->next_number(n) != n)
		return -ENOENT;
	*out = new_inode(dir->numbered, n);
	if (!*out)
		return -ENOMEM;
	(*out)->attr.ino = NUMBERED_INO(dir_inode->attr.ino, n);
	return 0;
}

static unsigned int dirent_type(uint32_t mode)
{
	return (mode & S_IFMT) >> 12; /* DT_* are the S_IF* bits shifted down */
}

/*
 * Positions: 0 ".", 1 "..", then the fixed entries, then numbered entry n
 * at (first numbered position) + n, so that a listing resumes correctly
 * after descriptors were opened or closed.
 */
static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir_inode = file->inode;
	const struct proc_dir *dir = node_of(dir_inode)->entry->dir;
	uint64_t numbered_pos = 2 + dir->nr_entries;
	uint64_t ino = dir_inode->attr.ino;

	if (ctx->pos == 0 && ctx->emit(ctx, ".", 1, ino, dirent_type(S_IFDIR), 1))
		return 0;
	if (ctx->pos == 1 && ctx->emit(ctx, "..", 2, ino, dirent_type(S_IFDIR), 2))
		return 0;
	for (uint64_t i = ctx->pos - 2; i < dir->nr_entries; i++) {
		struct proc_entry *e = &dir->entries[i];
		struct inode *inode = kept_inode(e);

		if (!inode)
			return -ENOMEM;
		if (ctx->emit(ctx, e->name, strlen(e->name), inode->attr.ino, dirent_type(e->mode),
			      i + 3))
			return 0;
	}
	if (!dir->numbered)
		return 0;
	for (long n = dir->next_number(ctx->pos - numbered_pos); n >= 0;
	     n = dir->next_number(n + 1)) {
		char name[NUMBER_DIGITS_MAX + 1];
		int len = fmt_snprintf(name, sizeof(name), "%ld", n);

		if (ctx->emit(ctx, name, len, NUMBERED_INO(ino, n),
			      dirent_type(dir->numbered->mode), numbered_pos + n + 1))
			return 0;
	}
	return 0;
}

static const struct inode_operations dir_iops = {
	.lookup = proc_lookup,
	.setattr = proc_setattr,
	.evict = proc_evict,
};
static const struct file_operations dir_fops = {.readdir = proc_readdir};

/* Symlinks: the target is made at each reading. */

static ssize_t proc_readlink(struct inode *inode, char *buf, size_t len)
{
	const struct proc_node *node = node_of(inode);
	struct proc_buf b = {0};
	int err = node->entry->show(&b, node) ?: b.err;
	ssize_t n = err ? err : (ssize_t)MIN(len, b.len);

	if (n > 0)
		memcpy(buf, b.data, n);
	proc_buf_free(&b);
	return n;
}

static struct file *proc_link_file(struct inode *inode)
{
	const struct proc_node *node = node_of(inode);

	return node->entry->file(node);
}

static const struct inode_operations link_iops = {
	.readlink = proc_readlink,
	.setattr = proc_setattr,
	.evict = proc_evict,
};

/* Links to an open file, followed to the file itself. */
static const struct inode_operations file_link_iops = {
	.readlink = proc_readlink,
	.link_file = proc_link_file,
	.setattr = proc_setattr,
	.evict = proc_evict,
};

/* Files: the whole text is made at open and belongs to the open file. */

static int file_open(struct inode *inode, struct file *file)
{
	const struct proc_node *node = node_of(inode);
	struct proc_buf *b;
	int err;

	/* Nothing will be read: make nothing (uuid, for one, changes at each making). */
	if ((file->flags & O_ACCMODE) == O_WRONLY)
		return 0;
	b = alloc_calloc(alloc_default(), 1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	err = node->entry->show(b, node) ?: b->err;
	if (err) {
		proc_buf_free(b);
		alloc_free(alloc_default(), b);
		return err;
	}
	file->private = b;
	return 0;
}

static void file_release(struct file *file)
{
	struct proc_buf *b = file->private;

	if (b) {
		proc_buf_free(b);
		alloc_free(alloc_default(), b);
	}
}

static ssize_t file_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	const struct proc_buf *b = file->private;

	if (!b || *pos >= b->len)
		return 0;
	len = MIN(len, b->len - *pos);
	if (copy_to_user(buf, b->data + *pos, len))
		return -EFAULT;
	*pos += len;
	return len;
}

static ssize_t file_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	const struct proc_node *node = node_of(file->inode);
	char *data;
	int err;

	if (!node->entry->store)
		return -EIO; /* as Linux answers a write to a file without a write handler */
	if (len > WRITE_MAX)
		return -EINVAL;
	data = alloc_malloc(alloc_default(), len + 1);
	if (!data)
		return -ENOMEM;
	err = copy_from_user(data, buf, len);
	if (!err) {
		data[len] = '\0';
		err = node->entry->store(data, len, node);
	}
	alloc_free(alloc_default(), data);
	if (err)
		return err;
	*pos += len;
	return len;
}

static const struct inode_operations file_iops = {
	.setattr = proc_setattr,
	.evict = proc_evict,
};
static const struct file_operations file_fops = {
	.open = file_open,
	.release = file_release,
	.read = file_read,
	.write = file_write,
};
