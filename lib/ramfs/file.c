/*
 * ramfs regular files and symlinks.  Data is an array of pages; a page not
 * yet materialised reads as zeros, or as the backing memory's bytes while
 * the file is backed (see ramfs.h).
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/ramfs.h>
#include <tessera/uaccess.h>
#include "ramfs_internal.h"

static int reserve(struct ramfs_file *f, size_t pages)
{
	void **p;
	uint8_t *b;

	if (pages <= f->nr_pages)
		return 0;
	pages = MAX(pages, 2 * f->nr_pages);
	p = alloc_realloc(alloc_default(), f->pages, pages * sizeof(*p));
	if (!p)
		return -ENOSPC;
	f->pages = p;
	b = alloc_realloc(alloc_default(), f->borrowed, pages);
	if (!b)
		return -ENOSPC;
	f->borrowed = b;
	memset(f->pages + f->nr_pages, 0, (pages - f->nr_pages) * sizeof(*p));
	memset(f->borrowed + f->nr_pages, 0, pages - f->nr_pages);
	f->nr_pages = pages;
	return 0;
}

/* The page for index, created (from the backing, or zeroed) when needed. */
static void *materialise(struct ramfs_file *f, size_t index)
{
	void *page;
	size_t from = index * RAMFS_PAGE;

	if (reserve(f, index + 1))
		return NULL;
	if (f->pages[index])
		return f->pages[index];
	page = page_alloc(1);
	if (!page)
		return NULL;
	if (from < f->backing_len) {
		size_t n = MIN(RAMFS_PAGE, f->backing_len - from);

		memcpy(page, f->backing + from, n);
		memset((char *)page + n, 0, RAMFS_PAGE - n);
	} else {
		memset(page, 0, RAMFS_PAGE);
	}
	f->pages[index] = page;
	return page;
}

int ramfs_set_backing(struct inode *inode, const void *data, size_t len)
{
	struct ramfs_file *f = inode->private;
	size_t full = len / RAMFS_PAGE;

	f->backing = data;
	f->backing_len = len;
	inode->attr.size = len;
	inode->attr.blocks = ALIGN_UP(len, 512) / 512;
	if (((uintptr_t)data & (RAMFS_PAGE - 1)) || reserve(f, full))
		return 0; /* unaligned: every page is copied on first use */
	for (size_t i = 0; i < full; i++) {
		f->pages[i] = (char *)data + i * RAMFS_PAGE;
		f->borrowed[i] = 1;
	}
	return 0;
}

void ramfs_file_free(struct ramfs_file *f)
{
	for (size_t i = 0; i < f->nr_pages; i++) {
		if (f->pages[i] && !f->borrowed[i])
			page_free(f->pages[i], 1);
	}
	alloc_free(alloc_default(), f->pages);
	alloc_free(alloc_default(), f->borrowed);
	alloc_free(alloc_default(), f);
}

int ramfs_file_resize(struct inode *inode, uint64_t size)
{
	struct ramfs_file *f = inode->private;
	size_t keep = ALIGN_UP(size, RAMFS_PAGE) / RAMFS_PAGE;

	if (size < inode->attr.size) {
		for (size_t i = keep; i < f->nr_pages; i++) {
			if (f->pages[i] && !f->borrowed[i])
				page_free(f->pages[i], 1);
			f->pages[i] = NULL;
		}
		/* Bytes past the new end must read as zeros if the file grows again. */
		if (size % RAMFS_PAGE && keep <= f->nr_pages && f->pages[keep - 1])
			memset((char *)f->pages[keep - 1] + size % RAMFS_PAGE, 0,
			       RAMFS_PAGE - size % RAMFS_PAGE);
		f->backing_len = MIN(f->backing_len, size);
	}
	inode->attr.size = size;
	inode->attr.blocks = ALIGN_UP(size, 512) / 512;
	return 0;
}

static ssize_t ramfs_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	struct inode *inode = file->inode;
	struct ramfs_file *f = inode->private;
	size_t done = 0, copied;

	if (*pos >= inode->attr.size)
		return 0;
	len = MIN(len, inode->attr.size - *pos);
	while (done < len) {
		uint64_t at = *pos + done;
		size_t index = at / RAMFS_PAGE, off = at % RAMFS_PAGE;
		size_t n = MIN(len - done, RAMFS_PAGE - off);
		const char *src;
		static const char zeros[RAMFS_PAGE];

		if (index < f->nr_pages && f->pages[index]) {
			src = (char *)f->pages[index] + off;
		} else if (at < f->backing_len) {
			src = f->backing + at;
			n = MIN(n, f->backing_len - at);
		} else {
			src = zeros;
		}
		copied = copy_to_user_partial((char *)buf + done, src, n);
		done += copied;
		if (copied < n) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	*pos += done;
	inode->attr.atime = vfs_now();
	return done;
}

static ssize_t ramfs_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	struct inode *inode = file->inode;
	struct ramfs_file *f = inode->private;
	size_t done = 0;

	while (done < len) {
		size_t index = (*pos + done) / RAMFS_PAGE, off = (*pos + done) % RAMFS_PAGE;
		size_t n = MIN(len - done, RAMFS_PAGE - off);
		char *page = materialise(f, index);

		if (!page)
			return done ? (ssize_t)done : -ENOSPC;
		if (copy_from_user(page + off, (const char *)buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	*pos += done;
	if (*pos > inode->attr.size)
		ramfs_file_resize(inode, *pos);
	inode->attr.mtime = inode->attr.ctime = vfs_now();
	return done;
}

static int ramfs_map_page(struct inode *inode, uint64_t index, struct vfs_page *out)
{
	void *page = materialise(inode->private, index);

	if (!page)
		return -ENOMEM;
	*out = (struct vfs_page){.addr = page, .file_owned = true};
	return 0;
}

static void ramfs_file_evict(struct inode *inode)
{
	if (inode->private)
		ramfs_file_free(inode->private);
}

const struct inode_operations ramfs_file_iops = {
	.setattr = ramfs_common_setattr,
	.map_page = ramfs_map_page,
	.evict = ramfs_file_evict,
};

const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
};

static ssize_t ramfs_readlink(struct inode *inode, char *buf, size_t len)
{
	size_t n = MIN(len, inode->attr.size);

	memcpy(buf, inode->private, n);
	return n;
}

static void ramfs_symlink_evict(struct inode *inode)
{
	alloc_free(alloc_default(), inode->private);
}

const struct inode_operations ramfs_symlink_iops = {
	.readlink = ramfs_readlink,
	.setattr = ramfs_common_setattr,
	.evict = ramfs_symlink_evict,
};
