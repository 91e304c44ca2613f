/*
 * devfs: a fixed directory of device nodes.  Each node is an inode made once
 * at mount; /dev/stdin, stdout, stderr and fd are symlinks into /proc/self/fd
 * as on Linux, and /dev/shm holds a tmpfs when the kernel has one.  Each
 * device is registered by number, so that a node made by mknod elsewhere
 * opens it too.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/devfs.h>
#include <tessera/fdtable.h>
#include <tessera/printk.h>
#include <tessera/random.h>
#include <tessera/uaccess.h>
#include "devfs_internal.h"

#define DEVFS_MAGIC 0x1373
#define MKDEV(major, minor) (((major) << 8) | (minor))

struct super_block devfs_sb;

static ssize_t zeros_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	static const char zeros[4096];
	size_t done = 0;

	(void)file;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(zeros));

		if (copy_to_user((char *)buf + done, zeros, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	*pos += done;
	return done;
}

static ssize_t null_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	(void)file, (void)buf, (void)len, (void)pos;
	return 0;
}

static ssize_t sink_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	(void)file, (void)buf, (void)pos;
	return len;
}

static ssize_t full_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	(void)file, (void)buf, (void)len, (void)pos;
	return -ENOSPC;
}

static ssize_t random_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	char chunk[256];
	size_t done = 0;

	(void)file;
	(void)pos;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		random_bytes(chunk, n);
		if (copy_to_user((char *)buf + done, chunk, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	return done;
}

/* mmap of /dev/zero: fresh zero pages, like anonymous memory. */
static int zero_map_page(struct inode *inode, uint64_t index, struct vfs_page *out)
{
	void *page = page_alloc(1);

	(void)inode;
	(void)index;
	if (!page)
		return -ENOMEM;
	memset(page, 0, 4096);
	*out = (struct vfs_page){.addr = page, .file_owned = false};
	return 0;
}

static const struct file_operations null_fops = {.read = null_read, .write = sink_write};
static const struct file_operations zero_fops = {.read = zeros_read, .write = sink_write};
static const struct file_operations full_fops = {.read = zeros_read, .write = full_write};
static const struct file_operations random_fops = {.read = random_read, .write = sink_write};
static const struct inode_operations zero_iops = {.map_page = zero_map_page};

static ssize_t link_readlink(struct inode *inode, char *buf, size_t len)
{
	size_t n = MIN(len, strlen(inode->private));

	memcpy(buf, inode->private, n);
	return n;
}

static const struct inode_operations link_iops = {.readlink = link_readlink};

/* /dev/shm: an empty directory, where a tmpfs is mounted at boot (shm_open, sem_open). */
static int empty_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	(void)dir, (void)name, (void)len, (void)out;
	return -ENOENT;
}

static int empty_readdir(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos == 0 && ctx->emit(ctx, ".", 1, file->inode->attr.ino, 4, 1))
		return 0;
	if (ctx->pos == 1)
		ctx->emit(ctx, "..", 2, file->inode->attr.ino, 4, 2);
	return 0;
}

static const struct inode_operations empty_dir_iops = {.lookup = empty_lookup};
static const struct file_operations empty_dir_fops = {.readdir = empty_readdir};

struct node {
	const char *name;
	uint32_t mode;
	uint64_t rdev;
	const struct file_operations *fops;
	const struct inode_operations *iops;
	const char *link;
	struct inode *inode;
};

static struct node nodes[] = {
	{"null", 0020666, MKDEV(1, 3), &null_fops, NULL, NULL, NULL},
	{"zero", 0020666, MKDEV(1, 5), &zero_fops, &zero_iops, NULL, NULL},
	{"full", 0020666, MKDEV(1, 7), &full_fops, NULL, NULL, NULL},
	{"random", 0020666, MKDEV(1, 8), &random_fops, NULL, NULL, NULL},
	{"urandom", 0020666, MKDEV(1, 9), &random_fops, NULL, NULL, NULL},
	{"tty", 0020666, MKDEV(5, 0), &tty_fops, NULL, NULL, NULL},
	{"console", 0020600, MKDEV(5, 1), &tty_fops, NULL, NULL, NULL},
	{"stdin", 0120777, 0, NULL, &link_iops, "/proc/self/fd/0", NULL},
	{"stdout", 0120777, 0, NULL, &link_iops, "/proc/self/fd/1", NULL},
	{"stderr", 0120777, 0, NULL, &link_iops, "/proc/self/fd/2", NULL},
	{"fd", 0120777, 0, NULL, &link_iops, "/proc/self/fd", NULL},
	{"shm", 0041777, 0, &empty_dir_fops, &empty_dir_iops, NULL, NULL},
};

struct inode *devfs_node(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		if (!strcmp(nodes[i].name, name))
			return nodes[i].inode;
	}
	return NULL;
}

static int devfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	(void)dir;
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		if (strlen(nodes[i].name) == len && !memcmp(nodes[i].name, name, len)) {
			inode_get(*out = nodes[i].inode);
			return 0;
		}
	}
	return -ENOENT;
}

static int devfs_readdir(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos == 0 && ctx->emit(ctx, ".", 1, file->inode->attr.ino, 4, 1))
		return 0;
	if (ctx->pos == 1 && ctx->emit(ctx, "..", 2, file->inode->attr.ino, 4, 2))
		return 0;
	for (size_t i = ctx->pos - 2; i < ARRAY_SIZE(nodes); i++) {
		struct inode *n = nodes[i].inode;

		if (ctx->emit(ctx, nodes[i].name, strlen(nodes[i].name), n->attr.ino,
			      (n->attr.mode >> 12) & 017, i + 3))
			break;
	}
	return 0;
}

static const struct inode_operations devfs_dir_iops = {.lookup = devfs_lookup};
static const struct file_operations devfs_dir_fops = {.readdir = devfs_readdir};
static struct inode *devfs_root;

static int devfs_mount(const char *source, const char *options, struct inode **root)
{
	(void)source;
	(void)options;
	inode_get(*root = devfs_root);
	return 0;
}

static struct filesystem devfs = {.name = "devtmpfs", .magic = DEVFS_MAGIC, .mount = devfs_mount};

static int make_nodes(void)
{
	devfs_sb.dev = vfs_new_dev();
	devfs_root = inode_new(&devfs_sb, 0040755);
	if (!devfs_root)
		return -ENOMEM;
	devfs_root->iops = &devfs_dir_iops;
	devfs_root->fops = &devfs_dir_fops;
	devfs_root->attr.nlink = 2;
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		struct node *n = &nodes[i];

		n->inode = inode_new(&devfs_sb, n->mode);
		if (!n->inode)
			return -ENOMEM;
		n->inode->attr.rdev = n->rdev;
		n->inode->fops = n->fops;
		n->inode->iops = n->iops;
		n->inode->private = (void *)n->link;
		if (n->link)
			n->inode->attr.size = strlen(n->link);
		if (S_ISDIR(n->mode))
			n->inode->attr.nlink = 2;
		if (S_ISCHR(n->mode) && vfs_register_chrdev(n->rdev, n->fops))
			return -ENOMEM;
	}
	return 0;
}

static int devfs_init(void)
{
	int err = make_nodes();

	if (err)
		return err;
	vfs_register_filesystem(&devfs);
	vfs_mkdir(NULL, "/dev", 0755);
	err = vfs_mount("devtmpfs", "devtmpfs", "/dev", NULL);
	if (err)
		pr_warn("devfs: cannot mount on /dev (%d)\n", err);
	else
		vfs_mount("tmpfs", "tmpfs", "/dev/shm", "mode=1777"); /* fails without tmpfs: fine */
	return 0;
}
INITCALL(devfs_init, INIT_LATE);
