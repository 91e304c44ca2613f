/* Shared by the parts of ramfs. */
#ifndef LIB_RAMFS_INTERNAL_H
#define LIB_RAMFS_INTERNAL_H

#include <tessera/vfs.h>

#define RAMFS_PAGE 4096UL

struct ramfs_dirent {
	char *name;
	size_t len;
	struct inode *inode; /* one reference */
	uint64_t cookie;     /* readdir position, stable across removals */
	struct list_head link;
};

struct ramfs_dir {
	struct list_head entries;
	uint64_t next_cookie;
};

struct ramfs_file {
	void **pages;      /* NULL: not materialised (zeros, or still in backing) */
	uint8_t *borrowed; /* 1: the page is the backing's own memory, never freed */
	size_t nr_pages;   /* capacity of the arrays */
	const char *backing;
	size_t backing_len;
};

extern struct filesystem ramfs_tmpfs; /* memfds are tmpfs files too */
extern const struct inode_operations ramfs_dir_iops, ramfs_file_iops, ramfs_symlink_iops;
extern const struct file_operations ramfs_dir_fops, ramfs_file_fops;

struct inode *ramfs_new_inode(struct super_block *sb, uint32_t mode);
int ramfs_file_resize(struct inode *inode, uint64_t size);
void ramfs_file_free(struct ramfs_file *f);
int ramfs_common_setattr(struct inode *inode, const struct vfs_attr *attr, unsigned int mask);

#endif
