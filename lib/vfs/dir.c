/* getdents64: directory entries in Linux's struct linux_dirent64 layout. */
#include <errno.h>
#include <string.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "vfs_internal.h"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

struct dirent_buffer {
	struct dir_context ctx;
	char *user;
	size_t left;
	size_t used;
	int err;
	bool too_small; /* not even the first entry fitted */
};

static int emit(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		unsigned int type, uint64_t next_pos)
{
	struct dirent_buffer *b = container_of(ctx, struct dirent_buffer, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	char record[sizeof(struct linux_dirent64) + VFS_NAME_MAX + 8];
	struct linux_dirent64 *d = (struct linux_dirent64 *)record;

	if (reclen > b->left) {
		b->too_small = b->used == 0;
		return 1;
	}
	d->d_ino = ino;
	d->d_off = next_pos;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	memset(d->d_name + len, 0, reclen - offsetof(struct linux_dirent64, d_name) - len);
	if (copy_to_user(b->user + b->used, record, reclen)) {
		b->err = -EFAULT;
		return 1;
	}
	b->used += reclen;
	b->left -= reclen;
	ctx->pos = next_pos;
	return 0;
}

SYSCALL_DEFINE3(getdents64, int, fd, void *, buf, unsigned int, count)
{
	struct file *f = fd_get(fd);
	struct dirent_buffer b = {.ctx = {.emit = emit}, .user = buf, .left = count};
	long ret;

	if (!f)
		return -EBADF;
	if (!is_dir(f->inode) || !f->fops || !f->fops->readdir) {
		file_put(f);
		return -ENOTDIR;
	}
	b.ctx.pos = f->pos;
	ret = f->fops->readdir(f, &b.ctx);
	f->pos = b.ctx.pos;
	file_put(f);
	if (b.used)
		return b.used;
	if (ret < 0)
		return ret;
	return b.err ? b.err : b.too_small ? -EINVAL : 0;
}
