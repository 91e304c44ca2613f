/*
 * Virtual file system: one name space of mounted file systems.
 *
 * A file system provides inodes with inode_operations (name space) and
 * file_operations (data).  Paths are resolved by vfs_resolve(), which walks
 * inode by inode, follows symlinks, crosses mount points, and builds the
 * canonical absolute path as it goes; ".." is taken on that canonical path,
 * so it means the physical parent, as POSIX requires, and file systems never
 * see it.  Open files remember their canonical path (getcwd, /proc/self/fd).
 *
 * Errors are negative errno values throughout.
 */
#ifndef TESSERA_VFS_H
#define TESSERA_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <tessera/list.h>

#define VFS_PATH_MAX 4096
#define VFS_NAME_MAX 255
#define VFS_SYMLINK_MAX 40 /* links followed in one resolution, as Linux (ELOOP) */

struct inode;
struct file;
struct poll_table;
struct waitq;
struct super_block;
struct dir_context;
struct pipe;

struct vfs_timespec {
	int64_t sec;
	int64_t nsec;
};

/* What stat() reports; file systems fill it in getattr or keep it in the inode. */
struct vfs_attr {
	uint64_t ino;
	uint32_t mode; /* type and permission bits, as st_mode */
	uint32_t nlink;
	uint32_t uid, gid;
	uint64_t rdev;
	uint64_t size;
	uint64_t blocks; /* 512-byte units */
	uint32_t blksize;
	struct vfs_timespec atime, mtime, ctime;
};

/* setattr: which fields of attr to apply. */
#define VFS_SET_MODE  (1u << 0)
#define VFS_SET_UID   (1u << 1)
#define VFS_SET_GID   (1u << 2)
#define VFS_SET_SIZE  (1u << 3)
#define VFS_SET_ATIME (1u << 4)
#define VFS_SET_MTIME (1u << 5)

/* A page of file data for a memory mapping (see inode_operations.map_page). */
struct vfs_page {
	void *addr;       /* kernel address of 4096 bytes */
	bool file_owned;  /* the file's own page: map it directly; else a copy the caller now owns */
};

struct inode_operations {
	/* Directories.  name is not NUL-terminated; never "." or "..". */
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	int (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode,
		      struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len, uint32_t mode);
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len,
		      struct inode *new_dir, const char *new_name, size_t new_len);
	int (*link)(struct inode *target, struct inode *dir, const char *name, size_t len);
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target);
	/*
	 * Optional: make a FIFO, socket or device node (the type is in mode;
	 * rdev: the device number).  Without it, mknod of these is -EPERM.
	 */
	int (*mknod)(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev);
	/* Symlinks: copy the target (not NUL-terminated); returns its length. */
	ssize_t (*readlink)(struct inode *inode, char *buf, size_t len);
	/*
	 * Optional, symlinks that stand for an open file (/proc/self/fd/N, Linux's
	 * "magic links"): that file (one reference), or NULL once it is closed.
	 * Resolution goes to its inode, named by its path, whatever the text says:
	 * a pipe or a deleted file opens again through them.
	 */
	struct file *(*link_file)(struct inode *inode);
	/* Apply the fields named by mask (VFS_SET_*). */
	int (*setattr)(struct inode *inode, const struct vfs_attr *attr, unsigned int mask);
	/* Optional: refresh inode->attr (file systems whose truth lives elsewhere, e.g. 9p). */
	int (*getattr)(struct inode *inode);
	/*
	 * Optional, for mmap: the data of page index (file offset index * 4096).
	 * Past end of file: a zeroed page.  Without it, mmap fails with -ENODEV.
	 */
	int (*map_page)(struct inode *inode, uint64_t index, struct vfs_page *out);
	/*
	 * Optional: a page map_page lent as the file's own was written through a
	 * shared mapping; store it where the file's data lives (msync, munmap).
	 */
	int (*write_page)(struct inode *inode, uint64_t index);
	/* The last reference is gone: free the file system's part. */
	void (*evict)(struct inode *inode);
};

struct file_operations {
	/* Optional: set up file->private. */
	int (*open)(struct inode *inode, struct file *file);
	void (*release)(struct file *file);
	/* Read or write at *pos and advance it; may be NULL (-EINVAL). */
	ssize_t (*read)(struct file *file, void *buf, size_t len, uint64_t *pos);
	ssize_t (*write)(struct file *file, const void *buf, size_t len, uint64_t *pos);
	/* Directories: emit entries from ctx->pos on; see struct dir_context. */
	int (*readdir)(struct file *file, struct dir_context *ctx);
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*fsync)(struct file *file);
	/*
	 * Optional: the events ready now (POLLIN, POLLOUT, ...), after adding
	 * the wait queues that announce changes to pt with poll_wait() (pt may
	 * be NULL).  Absent: always readable and writable, as regular files.
	 */
	unsigned int (*poll)(struct file *file, struct poll_table *pt);
};

struct super_block {
	const struct filesystem *fs;
	uint64_t dev; /* st_dev of its inodes */
	void *private;
};

struct inode {
	struct vfs_attr attr;
	const struct inode_operations *iops;
	const struct file_operations *fops;
	struct super_block *sb;
	void *private;
	struct pipe *pipe; /* a FIFO's pipe while it is open; an anonymous pipe's (pipe.c) */
	unsigned int seals;	  /* F_SEAL_* and VFS_SEALABLE (memfds); 0: no seals possible */
	int shared_writable_maps; /* MAP_SHARED mappings with PROT_WRITE (kept by lib/mm) */
	int refcount;
};

#define VFS_SEALABLE (1u << 31) /* inode->seals: the file takes F_ADD_SEALS */

/* A shared mapping of f with PROT_WRITE would break a seal: -EPERM, else 0. */
int vfs_seals_check_shared_write(const struct inode *inode);

/*
 * Directory iteration: readdir calls emit() for each entry from ctx->pos on,
 * passing the position of the entry after it; it stops when emit returns
 * nonzero (the caller's buffer is full) and leaves ctx->pos at the first
 * entry not emitted.
 */
struct dir_context {
	int (*emit)(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		    unsigned int type, uint64_t next_pos);
	uint64_t pos;
};

struct file {
	struct inode *inode;
	const struct file_operations *fops;
	unsigned int flags; /* O_ACCMODE, O_APPEND, O_NONBLOCK, ... */
	uint64_t pos;
	char *path; /* canonical absolute path, or a description such as "pipe:[3]" */
	void *private;
	int refcount;
	struct list_head watches; /* struct file_watch: who must let go when it is released */
};

/*
 * Something that refers to a file without holding a reference (an epoll
 * interest entry): when the file's last reference goes, before its release
 * method runs, the watch is unlinked and release() called.
 */
struct file_watch {
	struct list_head link;
	void (*release)(struct file_watch *w);
};

struct filesystem {
	const char *name;
	unsigned long magic; /* statfs f_type, as Linux's file system of the same kind */
	/* Mount: the root inode (one reference) of a new instance. */
	int (*mount)(const char *source, const char *options, struct inode **root);
	struct list_head link;
};

void vfs_register_filesystem(struct filesystem *fs);
int vfs_mount(const char *fs_name, const char *source, const char *target, const char *options);

/* The registered file-system types, in registration order (/proc/filesystems). */
void vfs_for_each_filesystem(void (*fn)(const struct filesystem *fs, void *ctx), void *ctx);

/* One entry of the mount table, as /proc/self/mounts shows it. */
struct vfs_mount_info {
	const char *path;    /* canonical mount point */
	const char *fs_name;
	const char *source;  /* as given to vfs_mount, "none" for NULL */
	uint64_t dev;        /* st_dev of the mounted root */
};
/* The mount table, oldest mount first. */
void vfs_for_each_mount(void (*fn)(const struct vfs_mount_info *m, void *ctx), void *ctx);

/* Inodes. */
struct inode *inode_new(struct super_block *sb, uint32_t mode);
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);
uint64_t vfs_new_ino(void);
struct vfs_timespec vfs_now(void);
uint64_t vfs_new_dev(void);

/* The current directory's canonical path (not a copy), and the file-creation mask. */
const char *cwd_path(void);
/* How the process names canonical: relative to its root (chroot), as is outside it. */
const char *vfs_user_path(const char *canonical);
unsigned int vfs_umask(void);

/* Path resolution (from the process's cwd for relative paths). */
#define VFS_FOLLOW   (1u << 0) /* follow a symlink in the last component */
#define VFS_PARENT   (1u << 1) /* resolve all but the last component: see vfs_resolve_parent */
struct vfs_path {
	struct inode *inode; /* one reference, NULL for a missing last component */
	char *canonical;     /* allocated */
};
/* dir_path: a directory to start relative paths from (NULL: the cwd). */
int vfs_resolve(const char *dir_path, const char *path, unsigned int flags, struct vfs_path *out);
/* The directory that would hold path's last component, and that component's name. */
int vfs_resolve_parent(const char *dir_path, const char *path, struct vfs_path *parent,
		       const char **name, size_t *len);
void vfs_path_release(struct vfs_path *p);

/* Name space changes from the kernel (paths are kernel strings). */
int vfs_mkdir(const char *dir_path, const char *path, uint32_t mode);
int vfs_symlink(const char *target, const char *dir_path, const char *path);
/*
 * A node other than a directory (mknod's work): the type in mode's S_IFMT
 * bits (a regular file, device, FIFO or socket), the umask applied to its
 * permissions, dev for devices.  -EEXIST, -EPERM where the file system
 * cannot hold the type, ...
 */
int vfs_mknod(const char *dir_path, const char *path, uint32_t mode, unsigned int dev);

/*
 * Readiness.  A poll method calls poll_wait() for each wait queue that
 * announces its file's changes; the poller (poll/select, epoll) decides in
 * queue() what to put there.  Wakers pass the events that changed as the
 * key (waitq_wake_all_key), so that epoll's edge-triggered items see only
 * what they asked for.
 */
struct poll_table {
	void (*queue)(struct poll_table *pt, struct waitq *wq);
};

static inline void poll_wait(struct poll_table *pt, struct waitq *wq)
{
	if (pt)
		pt->queue(pt, wq);
}

/* The events ready on f now (its poll method, or the default for files without one). */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);
/* f has a poll method: regular files and directories do not (epoll refuses them). */
bool vfs_can_poll(const struct file *f);

/* Deadlines of poll, select and epoll_wait: 0 waits forever, POLL_NO_WAIT not at all. */
#define POLL_NO_WAIT (~0ULL)
/* A timeout in milliseconds, negative for none. */
uint64_t poll_deadline_ms(int ms);
/* A relative timespec from the application, NULL for none: -EFAULT, -EINVAL or 0. */
struct __kernel_timespec;
int poll_deadline_timespec(const struct __kernel_timespec *user, uint64_t *deadline);

/*
 * Character devices by number (st_rdev), for device nodes on any file
 * system: opening one gives the file the operations registered for it.
 */
int vfs_register_chrdev(uint64_t rdev, const struct file_operations *fops);

/* Files. */
int vfs_open(const char *dir_path, const char *path, int flags, uint32_t mode, struct file **out);
/* Open f's file again, as its path would (fexecve): a new description with flags. */
int vfs_reopen(struct file *f, int flags, struct file **out);
struct file *file_new(struct inode *inode, unsigned int flags, const char *path);
void file_get(struct file *f);
void file_put(struct file *f);
void file_watch_add(struct file *f, struct file_watch *w);
void file_watch_remove(struct file_watch *w);

/*
 * A file with no name and no file system (eventfd, timerfd, epoll): its
 * inode is shared, as Linux's anonymous inode (mode 0600, no file type),
 * its path "anon_inode:NAME".  NULL when out of memory.
 */
struct file *anon_file_new(const char *name, const struct file_operations *fops, void *private,
			   unsigned int flags);

#endif /* TESSERA_VFS_H */
