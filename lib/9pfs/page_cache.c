/*
 * The pages of 9p files that are mapped into memory, one copy per file
 * page, shared by every mapping (so that two shared mappings and read()
 * and write() all see the same data, as on Linux).  A page enters when it
 * is first mapped and stays until the inode goes; write() updates cached
 * pages, read() takes their data over the server's (a shared mapping may
 * have changed them), and a page written through a mapping goes back to
 * the server at msync or munmap (write_page).
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/compiler.h>
#include "p9fs.h"

struct cached_page {
	uint64_t index;
	void *data;
	struct list_head link;
};

static struct cached_page *lookup(struct p9fs_inode *pi, uint64_t index)
{
	struct cached_page *p;

	list_for_each_entry(p, &pi->pages, link) {
		if (p->index == index)
			return p;
	}
	return NULL;
}

/*
 * The fid pages are read through, opened read-only: a file open for writing
 * on the host cannot be executed there (ETXTBSY), and mapped files are
 * mostly programs and libraries.
 */
static int read_fid(struct inode *inode, uint32_t *fid)
{
	struct p9fs_inode *pi = p9fs_i(inode);
	int err;

	if (pi->read_fid == P9_NOFID) {
		err = p9fs_open_fid(inode, O_RDONLY, fid);
		if (err)
			return err;
		if (pi->read_fid == P9_NOFID)
			pi->read_fid = *fid;
		else
			p9_clunk(p9fs_client(inode), *fid); /* another thread opened one meanwhile */
	}
	*fid = pi->read_fid;
	return 0;
}

int p9fs_map_page(struct inode *inode, uint64_t index, struct vfs_page *out)
{
	struct p9fs_inode *pi = p9fs_i(inode);
	struct cached_page *p = lookup(pi, index);
	uint32_t fid;
	ssize_t n;
	int err;

	if (!p) {
		err = read_fid(inode, &fid);
		if (err)
			return err;
		p = alloc_malloc(alloc_default(), sizeof(*p));
		if (!p || !(p->data = page_alloc(1))) {
			alloc_free(alloc_default(), p);
			return -ENOMEM;
		}
		n = p9_read(p9fs_client(inode), fid, index * PAGE_SIZE, p->data, PAGE_SIZE);
		if (n < 0) {
			page_free(p->data, 1);
			alloc_free(alloc_default(), p);
			return n;
		}
		memset((char *)p->data + n, 0, PAGE_SIZE - n);
		/* Reading may have slept: another fault may have cached the page meanwhile. */
		if (lookup(pi, index)) {
			page_free(p->data, 1);
			alloc_free(alloc_default(), p);
			p = lookup(pi, index);
		} else {
			p->index = index;
			list_add(&p->link, &pi->pages);
		}
	}
	*out = (struct vfs_page){.addr = p->data, .file_owned = true};
	return 0;
}

int p9fs_write_page(struct inode *inode, uint64_t index)
{
	struct cached_page *p = lookup(p9fs_i(inode), index);
	uint64_t pos = index * PAGE_SIZE, size = inode->attr.size;
	uint32_t fid;
	ssize_t n;
	int err;

	if (!p || pos >= size)
		return 0; /* past the end of the file: nothing of it to store */
	/* Opened for the write only, for the reason read_fid gives. */
	err = p9fs_open_fid(inode, O_WRONLY, &fid);
	if (err)
		return err;
	n = p9_write(p9fs_client(inode), fid, pos, p->data, MIN(PAGE_SIZE, size - pos));
	p9_clunk(p9fs_client(inode), fid);
	return n < 0 ? n : 0;
}

/* The part of [pos, pos+len) in page p: offset in the page, offset in the buffer, length. */
static bool overlap(const struct cached_page *p, uint64_t pos, size_t len, size_t *in_page,
		    size_t *in_buf, size_t *n)
{
	uint64_t start = MAX(pos, p->index * PAGE_SIZE);
	uint64_t end = MIN(pos + len, (p->index + 1) * PAGE_SIZE);

	if (start >= end)
		return false;
	*in_page = start - p->index * PAGE_SIZE;
	*in_buf = start - pos;
	*n = end - start;
	return true;
}

void p9fs_cache_wrote(struct p9fs_inode *pi, uint64_t pos, const void *buf, size_t len)
{
	struct cached_page *p;
	size_t in_page, in_buf, n;

	list_for_each_entry(p, &pi->pages, link) {
		if (overlap(p, pos, len, &in_page, &in_buf, &n))
			memcpy((char *)p->data + in_page, (const char *)buf + in_buf, n);
	}
}

void p9fs_cache_read(struct p9fs_inode *pi, uint64_t pos, void *buf, size_t len)
{
	struct cached_page *p;
	size_t in_page, in_buf, n;

	list_for_each_entry(p, &pi->pages, link) {
		if (overlap(p, pos, len, &in_page, &in_buf, &n))
			memcpy((char *)buf + in_buf, (const char *)p->data + in_page, n);
	}
}

void p9fs_cache_truncate(struct p9fs_inode *pi, uint64_t size)
{
	struct cached_page *p;

	list_for_each_entry(p, &pi->pages, link) {
		uint64_t start = p->index * PAGE_SIZE;

		if (start + PAGE_SIZE > size)
			memset((char *)p->data + (size > start ? size - start : 0), 0,
			       PAGE_SIZE - (size > start ? size - start : 0));
	}
}

void p9fs_cache_drop(struct p9fs_inode *pi)
{
	struct cached_page *p, *tmp;

	list_for_each_entry_safe(p, tmp, &pi->pages, link) {
		page_free(p->data, 1);
		alloc_free(alloc_default(), p);
	}
	list_init(&pi->pages);
}
