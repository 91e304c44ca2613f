/* Shared by the parts of the 9p file system. */
#ifndef LIB_9PFS_P9FS_H
#define LIB_9PFS_P9FS_H

#include <tessera/list.h>
#include <tessera/p9_client.h>
#include <tessera/vfs.h>

struct p9fs_super {
	struct super_block sb;
	struct p9_client *client;
	struct list_head inodes; /* live inodes, one per file on the server */
};

/* The file-system part of an inode. */
struct p9fs_inode {
	struct inode *inode;
	uint64_t qid_path; /* which file on the server */
	uint32_t fid;      /* walked to the file, never opened: walks, attributes, opening copies */
	uint32_t read_fid;   /* opened read-only for the page cache; P9_NOFID until needed */
	struct list_head pages; /* the page cache: mapped pages (page_cache.c) */
	struct list_head link;
};

extern const struct inode_operations p9fs_iops;
extern const struct file_operations p9fs_dir_fops, p9fs_file_fops;

static inline struct p9fs_inode *p9fs_i(const struct inode *inode)
{
	return inode->private;
}

static inline struct p9fs_super *p9fs_super(const struct inode *inode)
{
	return container_of(inode->sb, struct p9fs_super, sb);
}

static inline struct p9_client *p9fs_client(const struct inode *inode)
{
	return p9fs_super(inode)->client;
}

/*
 * The inode of the file fid was walked to: the live one for its qid (fid is
 * then clunked) or a new one that keeps fid.  fid is consumed either way.
 */
int p9fs_inode_get(struct p9fs_super *s, uint32_t fid, struct p9_qid qid, struct inode **out);
/* Refresh inode->attr from the server. */
int p9fs_getattr(struct inode *inode);
/* A new fid on inode's file, opened with Linux's open flags. */
int p9fs_open_fid(struct inode *inode, uint32_t flags, uint32_t *fid);

/* The page cache (page_cache.c): map_page and write_page, and keeping read()/write() coherent. */
int p9fs_map_page(struct inode *inode, uint64_t index, struct vfs_page *out);
int p9fs_write_page(struct inode *inode, uint64_t index);
void p9fs_cache_wrote(struct p9fs_inode *pi, uint64_t pos, const void *buf, size_t len);
void p9fs_cache_read(struct p9fs_inode *pi, uint64_t pos, void *buf, size_t len);
void p9fs_cache_truncate(struct p9fs_inode *pi, uint64_t size);
void p9fs_cache_drop(struct p9fs_inode *pi);

#endif
