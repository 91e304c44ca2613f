/* Shared by the parts of devfs. */
#ifndef LIB_DEVFS_INTERNAL_H
#define LIB_DEVFS_INTERNAL_H

#include <tessera/vfs.h>

extern const struct file_operations tty_fops, stream_fops;
extern struct super_block devfs_sb;
/* The inode of /dev/NAME (no reference taken), or NULL. */
struct inode *devfs_node(const char *name);

#endif
