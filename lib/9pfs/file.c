/*
 * Open 9p files: each holds its own fid, opened on the server with the
 * file's access mode (the VFS has done O_CREAT, O_EXCL and O_TRUNC).
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <tessera/alloc.h>
#include "p9fs.h"

/*
 * Flags that change how the server does I/O on the file.  Not O_APPEND:
 * each write says where it goes (pwritev2 may append or not, per call).
 */
#define SERVER_FLAGS (O_ACCMODE | O_DSYNC | O_SYNC)
/* Directory entries asked for at once. */
#define READDIR_CHUNK 8192

struct p9fs_file {
	uint32_t fid;
};

static uint32_t fid_of(const struct file *file)
{
	return ((struct p9fs_file *)file->private)->fid;
}

static int p9fs_open(struct inode *inode, struct file *file)
{
	struct p9fs_file *pf = alloc_malloc(alloc_default(), sizeof(*pf));
	int err;

	if (!pf)
		return -ENOMEM;
	err = p9fs_open_fid(inode, file->flags & SERVER_FLAGS, &pf->fid);
	if (err) {
		alloc_free(alloc_default(), pf);
		return err;
	}
	file->private = pf;
	return 0;
}

static void p9fs_release(struct file *file)
{
	if (!file->private)
		return; /* opened with O_PATH */
	p9_clunk(p9fs_client(file->inode), fid_of(file));
	alloc_free(alloc_default(), file->private);
}

static ssize_t p9fs_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	ssize_t n = p9_read(p9fs_client(file->inode), fid_of(file), *pos, buf, len);

	if (n > 0) {
		p9fs_cache_read(p9fs_i(file->inode), *pos, buf, n);
		*pos += n;
	}
	return n;
}

static ssize_t p9fs_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	struct inode *inode = file->inode;
	ssize_t n;

	/* Others may have written to the file: append at its end as the server has it. */
	if (file->flags & O_APPEND) {
		int err = p9fs_getattr(inode);

		if (err)
			return err;
		*pos = inode->attr.size;
	}
	n = p9_write(p9fs_client(inode), fid_of(file), *pos, buf, len);
	if (n > 0) {
		p9fs_cache_wrote(p9fs_i(inode), *pos, buf, n);
		*pos += n;
		if (*pos > inode->attr.size)
			inode->attr.size = *pos;
	}
	return n;
}

static int p9fs_readdir(struct file *file, struct dir_context *ctx)
{
	char *buf = alloc_malloc(alloc_default(), READDIR_CHUNK);
	struct p9_dirent ent;
	ssize_t len;
	size_t at;
	int err = 0;

	if (!buf)
		return -ENOMEM;
	/* Each entry carries the offset of the next: the position to ask from. */
	while ((len = p9_readdir(p9fs_client(file->inode), fid_of(file), ctx->pos, buf,
				 READDIR_CHUNK)) > 0) {
		for (at = 0; (err = p9_dirent_next(buf, len, &at, &ent)) > 0;) {
			if (ctx->emit(ctx, ent.name.s, ent.name.len, ent.qid.path, ent.type,
				      ent.offset))
				goto out;
			ctx->pos = ent.offset;
		}
		if (err)
			goto out;
	}
	err = len;
out:
	alloc_free(alloc_default(), buf);
	return err < 0 ? err : 0;
}

static int p9fs_fsync(struct file *file)
{
	return p9_fsync(p9fs_client(file->inode), fid_of(file), 0);
}

const struct file_operations p9fs_file_fops = {
	.open = p9fs_open,
	.release = p9fs_release,
	.read = p9fs_read,
	.write = p9fs_write,
	.fsync = p9fs_fsync,
};

const struct file_operations p9fs_dir_fops = {
	.open = p9fs_open,
	.release = p9fs_release,
	.readdir = p9fs_readdir,
	.fsync = p9fs_fsync,
};
