/* Shared by the parts of lib/vfs. */
#ifndef LIB_VFS_INTERNAL_H
#define LIB_VFS_INTERNAL_H

#include <linux/fcntl.h>
#include <tessera/fdtable.h>
#include <tessera/vfs.h>

/* The root of the name space (one reference), or NULL before anything is mounted at "/". */
struct inode *vfs_root(void);
/* The mount table, oldest first (mount.c; the mount and umount2 calls are in mount_calls.c). */
struct mount {
	char *path; /* canonical mount point */
	struct inode *root;
	const struct filesystem *fs;
	char *source;
	bool expiring; /* umount2(MNT_EXPIRE) was asked once */
	struct list_head link;
};
extern struct list_head vfs_mounts;
struct filesystem *vfs_find_filesystem(const char *name);
/* The latest mount on canonical, or NULL. */
struct mount *mount_find(const char *canonical);
/* The root inode mounted at canonical path, or NULL (no reference taken). */
struct inode *mount_at(const char *canonical);
/* Mount fs_root (its reference is the table's now) on canonical. */
int mount_add(const char *canonical, struct inode *fs_root, const struct filesystem *fs,
	      const char *source);

/* The process's root (chroot), a canonical path: where absolute paths start (cwd.c). */
const char *root_path(void);

/* fork: the parent's current directory, root and umask, put aside and back (cwd.c). */
void *cwd_save(void);
void cwd_restore(void *saved);

/* Bring inode->attr up to date where the truth lives elsewhere (9p); the file system's error. */
int inode_refresh(struct inode *inode);

/* Open f, a FIFO: its pipe, the fifo(7) rules (pipe.c). */
int fifo_open(struct file *f);
/* F_GETPIPE_SZ and F_SETPIPE_SZ: the capacity, as Linux rounds it; -EBADF if f is no pipe. */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
/* Give f the operations of the FIFO or device it opens, if it opens one (special.c). */
int special_open(struct file *f);

/* fcntl F_GET_SEALS and F_ADD_SEALS (seals.c). */
long vfs_get_seals(struct file *f);
long vfs_add_seals(struct file *f, unsigned int seals);
/* What the inode's seals refuse: -EPERM, else 0. */
int seals_check_write(const struct inode *inode, uint64_t pos, size_t len);
int seals_check_size(const struct inode *inode, uint64_t size);
int seals_check_mode(const struct inode *inode, uint32_t mode);

/*
 * inotify's events (inotify.c), IN_* masks.  fsnotify_file: the file at
 * canonical (inode) changed, for its watches and its directory's;
 * fsnotify_inode: for its own watches only; fsnotify_entry: name (len bytes)
 * in dir was made, removed or moved (cookie pairs the two halves of a
 * move); fsnotify_gone: the inode is gone (IN_DELETE_SELF), its watches
 * with it; fsnotify_unmount: sb's inodes are unmounted.
 */
void fsnotify_file(struct inode *inode, const char *canonical, uint32_t mask);
void fsnotify_inode(struct inode *inode, uint32_t mask);
void fsnotify_entry(struct inode *dir, uint32_t mask, const char *name, size_t len,
		    uint32_t cookie);
void fsnotify_gone(struct inode *inode, uint32_t mask);
bool fsnotify_watched(const struct inode *inode);
void fsnotify_unmount(const struct super_block *sb);
uint32_t fsnotify_cookie(void);

/* Give up f's flock lock, if any: at its last close (flock.c). */
void flock_release(struct file *f);

/* The file open on fd, or NULL: O_PATH descriptors do not count, as with Linux's fdget. */
static inline struct file *fd_get_open(int fd)
{
	struct file *f = fd_get(fd);

	if (f && (f->flags & O_PATH)) {
		file_put(f);
		return NULL;
	}
	return f;
}

static inline bool is_dir(const struct inode *inode)
{
	return (inode->attr.mode & 0170000) == 0040000;
}

/* No file type: the inode of anon_file_new(). */
static inline bool is_anon(const struct inode *inode)
{
	return (inode->attr.mode & 0170000) == 0;
}

static inline bool is_symlink(const struct inode *inode)
{
	return (inode->attr.mode & 0170000) == 0120000;
}

/* The last component of a path: name and length (trailing slashes ignored). */
static inline bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

#endif
