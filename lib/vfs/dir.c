/*
 * getdents64 and the older getdents: directory entries in Linux's struct
 * linux_dirent64 and struct linux_dirent layouts.  One walk fills either;
 * only the record format differs.
 */
#include <errno.h>
#include <linux/inotify.h>
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

/* The old layout: the type is the record's last byte, after the name's NUL and padding. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	uint16_t d_reclen;
	char d_name[];
};

#define RECORD_MAX (sizeof(struct linux_dirent64) + VFS_NAME_MAX + 8)

/* Lay one entry out in record (RECORD_MAX bytes); returns its length. */
typedef size_t (*dirent_format)(char *record, const char *name, size_t len, uint64_t ino,
				unsigned int type, uint64_t next_pos);

static size_t format64(char *record, const char *name, size_t len, uint64_t ino,
		       unsigned int type, uint64_t next_pos)
{
	struct linux_dirent64 *d = (struct linux_dirent64 *)record;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);

	memset(record, 0, reclen);
	d->d_ino = ino;
	d->d_off = next_pos;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	return reclen;
}

static size_t format_old(char *record, const char *name, size_t len, uint64_t ino,
			 unsigned int type, uint64_t next_pos)
{
	struct linux_dirent *d = (struct linux_dirent *)record;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent, d_name) + len + 2, sizeof(long));

	memset(record, 0, reclen);
	d->d_ino = ino;
	d->d_off = next_pos;
	d->d_reclen = reclen;
	memcpy(d->d_name, name, len);
	record[reclen - 1] = type;
	return reclen;
}

struct dirent_buffer {
	struct dir_context ctx;
	dirent_format format;
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
	char record[RECORD_MAX] __aligned(8);
	size_t reclen = b->format(record, name, len, ino, type, next_pos);

	if (reclen > b->left) {
		b->too_small = b->used == 0;
		return 1;
	}
	if (copy_to_user(b->user + b->used, record, reclen)) {
		b->err = -EFAULT;
		return 1;
	}
	b->used += reclen;
	b->left -= reclen;
	ctx->pos = next_pos;
	return 0;
}

static long read_entries(int fd, void *buf, unsigned int count, dirent_format format)
{
	struct file *f = fd_get(fd);
	struct dirent_buffer b = {.ctx = {.emit = emit}, .format = format, .user = buf,
				  .left = count};
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
	fsnotify_file(f->inode, f->path, IN_ACCESS);
	file_put(f);
	if (b.used)
		return b.used;
	if (ret < 0)
		return ret;
	return b.err ? b.err : b.too_small ? -EINVAL : 0;
}

SYSCALL_DEFINE3(getdents64, int, fd, void *, buf, unsigned int, count)
{
	return read_entries(fd, buf, count, format64);
}

SYSCALL_DEFINE3(getdents, int, fd, void *, buf, unsigned int, count)
{
	return read_entries(fd, buf, count, format_old);
}
