/*
 * Shared by the parts of procfs.
 *
 * /proc is a tree of tables: a directory is an array of struct proc_entry,
 * each a file whose text a function makes when the file is opened, a symlink
 * whose target a function makes when it is read, or a directory.  A
 * directory may also hold numbered entries (fd/0, fd/1, ...) that exist while
 * the thing they number does.
 */
#ifndef LIB_PROCFS_INTERNAL_H
#define LIB_PROCFS_INTERNAL_H

#include <linux/stat.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/compiler.h>
#include <tessera/vfs.h>

#define PROC_PID 1   /* the only process */
#define USER_HZ	 100 /* clock ticks, as times() and AT_CLKTCK count them */

/* Text made by a show function: grows as needed; err is set once growing failed. */
struct proc_buf {
	char *data;
	size_t len, cap;
	int err;
};

void proc_printf(struct proc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void proc_put(struct proc_buf *b, const void *data, size_t len);
/* Room for len more bytes at b->data + b->len (the caller then adds to b->len), or NULL. */
char *proc_reserve(struct proc_buf *b, size_t len);
void proc_buf_free(struct proc_buf *b);

struct proc_entry;

/* What an inode of /proc stands for: an entry, and its number if a numbered one. */
struct proc_node {
	const struct proc_entry *entry;
	long number;
};

struct proc_entry {
	const char *name;
	uint32_t mode; /* type and permission bits */
	/* Regular file: its content; symlink: its target.  0 or a negative errno. */
	int (*show)(struct proc_buf *b, const struct proc_node *node);
	/* Optional, regular files: a write of len bytes (a kernel copy). */
	int (*store)(const char *data, size_t len, const struct proc_node *node);
	/* Optional, symlinks: the open file the link stands for (see inode_operations.link_file). */
	struct file *(*file)(const struct proc_node *node);
	const struct proc_dir *dir; /* directories */
	const void *data;	    /* for show/store, e.g. proc_show_text's text */
	struct inode *inode;	    /* made on first lookup and kept, for stable inode numbers */
};

struct proc_dir {
	struct proc_entry *entries;
	size_t nr_entries;
	/* Optional: numbered entries, each made from this template... */
	const struct proc_entry *numbered;
	/* ...for each number in use: the lowest one >= from, or -1. */
	long (*next_number)(long from);
};

/* clang-format off */
#define PROC_FILE(_name, _mode, _show) \
	{ .name = _name, .mode = S_IFREG | (_mode), .show = _show }
#define PROC_RW_FILE(_name, _mode, _show, _store) \
	{ .name = _name, .mode = S_IFREG | (_mode), .show = _show, .store = _store }
#define PROC_TEXT(_name, _text) \
	{ .name = _name, .mode = S_IFREG | 0444, .show = proc_show_text, .data = _text }
/* A setting with a fixed value: writes are accepted and change nothing (nothing here to tune). */
#define PROC_TUNABLE(_name, _text) \
	{ .name = _name, .mode = S_IFREG | 0644, .show = proc_show_text, \
	  .store = proc_store_ignored, .data = _text }
#define PROC_LINK(_name, _show) \
	{ .name = _name, .mode = S_IFLNK | 0777, .show = _show }
#define PROC_FIXED_LINK(_name, _target) \
	{ .name = _name, .mode = S_IFLNK | 0777, .show = proc_show_text, .data = _target }
#define PROC_DIR(_name, _mode, _dir) \
	{ .name = _name, .mode = S_IFDIR | (_mode), .dir = _dir }

#define PROC_DIR_OF(_entries) \
	{ .entries = _entries, .nr_entries = ARRAY_SIZE(_entries) }
/* clang-format on */

/* show for entries whose text is fixed: entry->data. */
int proc_show_text(struct proc_buf *b, const struct proc_node *node);
/* store that accepts anything and does nothing. */
int proc_store_ignored(const char *data, size_t len, const struct proc_node *node);

/* tree.c: the inode of an entry (one reference), all of them on proc_sb. */
extern struct super_block proc_sb;
struct inode *proc_entry_inode(struct proc_entry *entry);

/* The directories and files the other parts define. */
extern const struct proc_dir proc_pid_dir, proc_task_dir, proc_fd_dir, proc_fdinfo_dir;
extern const struct proc_dir proc_sys_dir;
int proc_show_meminfo(struct proc_buf *b, const struct proc_node *node);
int proc_show_cpuinfo(struct proc_buf *b, const struct proc_node *node);
int proc_show_stat(struct proc_buf *b, const struct proc_node *node);
int proc_show_uptime(struct proc_buf *b, const struct proc_node *node);
int proc_show_loadavg(struct proc_buf *b, const struct proc_node *node);
int proc_show_version(struct proc_buf *b, const struct proc_node *node);
int proc_show_filesystems(struct proc_buf *b, const struct proc_node *node);
int proc_show_mounts(struct proc_buf *b, const struct proc_node *node);
int proc_show_mountinfo(struct proc_buf *b, const struct proc_node *node);
/* The id mountinfo gives the mount that holds path. */
int proc_mount_id(const char *path);

#endif
