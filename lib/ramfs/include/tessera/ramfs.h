/*
 * ramfs: a read-write file system in memory, mounted as "/" and /tmp.
 * File data lives in pages that mmap maps directly (shared mappings share
 * them).  A file may start out "backed" by memory that already holds its
 * data (the initrd): page-aligned full pages are used in place, the rest is
 * copied page by page on first access.
 */
#ifndef TESSERA_RAMFS_H
#define TESSERA_RAMFS_H

#include <stddef.h>
#include <stdint.h>

struct inode;

/* Give a new, empty regular file of ramfs the len bytes at data as its content. */
int ramfs_set_backing(struct inode *file, const void *data, size_t len);

#endif
