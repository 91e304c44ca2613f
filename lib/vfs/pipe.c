/*
 * Pipes: a 64 KiB ring shared by a read end and a write end.  Reads block
 * while the ring is empty and a writer remains (then return 0: end of file);
 * writes block while it is full and a reader remains (none: SIGPIPE for the
 * writer, and -EPIPE).  Writes of at most PIPE_BUF bytes are never
 * interleaved with others.  A thread a signal interrupts while it waits gets
 * -EINTR (or the call restarts, with SA_RESTART), or the count written so far.
 *
 * A FIFO (a named pipe, made by mknod on any file system) gets a pipe while
 * it is open, hung on its inode; opening it follows fifo(7): a reader waits
 * for a writer and a writer for a reader, unless O_NONBLOCK (then a writer
 * without a reader is -ENXIO); O_RDWR is both ends at once and never waits.
 * The data is gone when the last end closes.  A writer that would wait for
 * room while no read end is open in the running process (the readers wait
 * in fork for it to end: shell pipelines) makes the ring bigger instead,
 * also a non-blocking one (which would poll for room for ever).
 * An anonymous pipe opened
 * again (through /proc/self/fd) takes a new end at once, as on Linux.
 */
#include <asm/ioctls.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/fmt.h>
#include <tessera/restart.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/waitq.h>
#include "vfs_internal.h"

#define PIPE_SIZE (64 * 1024)
#define PIPE_BUF  4096

struct pipe {
	char *ring;
	size_t size;	  /* of the ring: PIPE_SIZE, more once grown */
	size_t head, len; /* bytes at ring[head .. head+len), modulo size */
	int readers, writers;
	unsigned int reader_opens, writer_opens; /* ends opened so far: FIFO opens wait on these */
	struct waitq readable, writable, opened;
};

static struct super_block pipe_sb = {.dev = 12};

static ssize_t pipe_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	struct pipe *p = file->inode->pipe;
	irq_flags_t flags = irq_save();
	size_t done = 0;

	(void)pos;
	while (p->len == 0 && p->writers > 0) {
		if (file->flags & O_NONBLOCK) {
			irq_restore(flags);
			return -EAGAIN;
		}
		if (waitq_wait_interruptible(&p->readable, 0) == -EINTR) {
			irq_restore(flags);
			return -ERESTARTSYS;
		}
	}
	while (done < len && p->len > 0) {
		size_t chunk = MIN(MIN(len - done, p->len), p->size - p->head);

		if (copy_to_user((char *)buf + done, p->ring + p->head, chunk)) {
			irq_restore(flags);
			return done ? (ssize_t)done : -EFAULT;
		}
		p->head = (p->head + chunk) % p->size;
		p->len -= chunk;
		done += chunk;
	}
	waitq_wake_all_key(&p->writable, POLLOUT | POLLWRNORM);
	irq_restore(flags);
	return done;
}

static bool reads_pipe(const struct file *f, const void *inode)
{
	return f->inode == inode && (f->flags & O_ACCMODE) != O_WRONLY;
}

/*
 * Whether a read end is open in the running process.  Otherwise the readers
 * are in processes waiting in fork for this one to end (one address space
 * runs one process): a writer waiting for room would wait for ever.
 */
static bool reader_is_live(struct inode *inode)
{
	return fd_table_holds(reads_pipe, inode);
}

/* A ring of size bytes (whole pages, at least p->len), the data moved to its start. */
static int pipe_resize(struct pipe *p, size_t size)
{
	char *ring = page_alloc(size / 4096);
	size_t first = MIN(p->len, p->size - p->head);

	if (!ring)
		return -ENOMEM;
	memcpy(ring, p->ring + p->head, first);
	memcpy(ring + first, p->ring, p->len - first);
	page_free(p->ring, p->size / 4096);
	p->ring = ring;
	p->size = size;
	p->head = 0;
	return 0;
}

static ssize_t pipe_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	struct pipe *p = file->inode->pipe;
	irq_flags_t flags = irq_save();
	size_t done = 0;

	(void)pos;
	while (done < len) {
		size_t room = p->size - p->len, chunk, tail;

		if (p->readers == 0) {
			irq_restore(flags);
			signal_raise(SIGPIPE);
			return done ? (ssize_t)done : -EPIPE;
		}
		/* Small writes go in whole or wait. */
		if (room == 0 || (len <= PIPE_BUF && room < len)) {
			if (!reader_is_live(file->inode) && !pipe_resize(p, 2 * p->size))
				continue;
			if (file->flags & O_NONBLOCK) {
				irq_restore(flags);
				return done ? (ssize_t)done : -EAGAIN;
			}
			if (waitq_wait_interruptible(&p->writable, 0) == -EINTR) {
				irq_restore(flags);
				return done ? (ssize_t)done : -ERESTARTSYS;
			}
			continue;
		}
		tail = (p->head + p->len) % p->size;
		chunk = MIN(MIN(len - done, room), p->size - tail);
		if (copy_from_user(p->ring + tail, (const char *)buf + done, chunk)) {
			irq_restore(flags);
			return done ? (ssize_t)done : -EFAULT;
		}
		p->len += chunk;
		done += chunk;
		waitq_wake_all_key(&p->readable, POLLIN | POLLRDNORM);
	}
	irq_restore(flags);
	return done;
}

static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = file->inode->pipe;
	int n = p->len;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return copy_to_user((void *)arg, &n, sizeof(n));
}

static bool reads(const struct file *file)
{
	return (file->flags & O_ACCMODE) != O_WRONLY;
}

static bool writes(const struct file *file)
{
	return (file->flags & O_ACCMODE) != O_RDONLY;
}

/*
 * A pipe has no file position: a read end keeps there the writer_opens it
 * saw when it was opened (as Linux's f_version), so that a FIFO reader does
 * not see POLLHUP before any writer has come and gone.
 */
static unsigned int pipe_poll(struct file *file, struct poll_table *pt)
{
	struct pipe *p = file->inode->pipe;
	unsigned int events = 0;

	poll_wait(pt, &p->readable);
	poll_wait(pt, &p->writable);
	if (reads(file)) {
		if (p->len)
			events |= POLLIN | POLLRDNORM;
		if (!p->writers && file->pos != p->writer_opens)
			events |= POLLHUP;
	}
	if (writes(file)) {
		if (p->len < p->size)
			events |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			events |= POLLERR;
	}
	return events;
}

static void pipe_free(struct pipe *p)
{
	page_free(p->ring, p->size / 4096);
	alloc_free(alloc_default(), p);
}

/* The last end of a FIFO takes its pipe, and the data in it, away. */
static void pipe_release(struct file *file)
{
	struct inode *inode = file->inode;
	struct pipe *p = inode->pipe;

	p->readers -= reads(file);
	p->writers -= writes(file);
	waitq_wake_all(&p->readable);
	waitq_wake_all(&p->writable);
	if (!p->readers && !p->writers) {
		inode->pipe = NULL;
		pipe_free(p);
	}
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* Linux's round_pipe_size: a power of two, at least a page; 0 past 2 GiB. */
static size_t round_pipe_size(unsigned long size)
{
	size_t rounded = 4096;

	if (size > (1UL << 31))
		return 0;
	while (rounded < size)
		rounded <<= 1;
	return rounded;
}

/* F_SETPIPE_SZ keeps the data; it refuses to leave less room than that (-EBUSY). */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = file->fops == &pipe_fops ? file->inode->pipe : NULL;
	size_t size = round_pipe_size(arg);
	irq_flags_t flags;
	long ret;

	if (!p)
		return -EBADF;
	if (cmd == F_GETPIPE_SZ)
		return p->size;
	if (!size)
		return -EINVAL;
	flags = irq_save();
	ret = size < p->len ? -EBUSY : size == p->size ? 0 : pipe_resize(p, size);
	if (!ret)
		waitq_wake_all_key(&p->writable, POLLOUT | POLLWRNORM); /* room, maybe */
	irq_restore(flags);
	return ret ?: (long)size;
}

static struct pipe *pipe_new(void)
{
	struct pipe *p = alloc_calloc(alloc_default(), 1, sizeof(*p));

	if (!p)
		return NULL;
	p->ring = page_alloc(PIPE_SIZE / 4096);
	if (!p->ring) {
		alloc_free(alloc_default(), p);
		return NULL;
	}
	p->size = PIPE_SIZE;
	waitq_init(&p->readable);
	waitq_init(&p->writable);
	waitq_init(&p->opened);
	return p;
}

/*
 * Until an end that another opener counts as *count appears (blocking opens
 * of a FIFO); -ERESTARTSYS when a signal interrupts the wait first.
 */
static int wait_for_other_end(struct pipe *p, const int *count, const unsigned int *opens)
{
	irq_flags_t flags = irq_save();
	unsigned int seen = *opens;
	int err = 0;

	while (!*count && *opens == seen) {
		if (waitq_wait_interruptible(&p->opened, 0) == -EINTR) {
			err = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(flags);
	return err;
}

int fifo_open(struct file *file)
{
	struct inode *inode = file->inode;
	struct pipe *p = inode->pipe;
	bool nonblock = file->flags & O_NONBLOCK;
	bool anonymous = inode->sb == &pipe_sb; /* opened again through /proc/self/fd */
	int err;

	if (!p) {
		p = pipe_new();
		if (!p)
			return -ENOMEM;
		inode->pipe = p;
	}
	if (!reads(file) && !p->readers && nonblock && !anonymous) {
		if (!p->writers) {
			inode->pipe = NULL;
			pipe_free(p);
		}
		return -ENXIO;
	}
	file->fops = &pipe_fops;
	file->pos = p->writer_opens;
	p->readers += reads(file);
	p->reader_opens += reads(file);
	p->writers += writes(file);
	p->writer_opens += writes(file);
	waitq_wake_all(&p->opened);
	if (nonblock || anonymous || (reads(file) && writes(file)))
		return 0;
	if (reads(file))
		err = wait_for_other_end(p, &p->writers, &p->writer_opens);
	else
		err = wait_for_other_end(p, &p->readers, &p->reader_opens);
	if (err)
		pipe_release(file);
	return err;
}

/* What pipe2 made but could not hand out. */
static void pipe_evict(struct inode *inode)
{
	if (inode->pipe)
		pipe_free(inode->pipe);
}

static const struct inode_operations pipe_iops = {
	.evict = pipe_evict,
};

/* An anonymous pipe's inode, its two ends counted: pipe2 makes them. */
static struct inode *pipe_inode(void)
{
	struct pipe *p = pipe_new();
	struct inode *inode = p ? inode_new(&pipe_sb, 0010600) : NULL;

	if (!inode) {
		if (p)
			pipe_free(p);
		return NULL;
	}
	p->readers = p->writers = 1;
	p->reader_opens = p->writer_opens = 1;
	inode->pipe = p;
	inode->iops = &pipe_iops;
	inode->fops = &pipe_fops;
	return inode;
}

SYSCALL_DEFINE2(pipe2, int *, user_fds, int, flags)
{
	struct inode *inode;
	struct file *ends[2];
	char name[32];
	int fds[2] = {-1, -1}, err = -ENOMEM;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	inode = pipe_inode();
	if (!inode)
		return -ENOMEM;
	fmt_snprintf(name, sizeof(name), "pipe:[%lu]", (unsigned long)inode->attr.ino);
	ends[0] = file_new(inode, O_RDONLY | (flags & O_NONBLOCK), name);
	ends[1] = file_new(inode, O_WRONLY | (flags & O_NONBLOCK), name);
	inode_put(inode);
	if (!ends[0] || !ends[1])
		goto fail;
	for (int i = 0; i < 2; i++) {
		fds[i] = fd_install(ends[i], 0, flags & O_CLOEXEC);
		if (fds[i] < 0) {
			err = fds[i];
			goto fail;
		}
		ends[i] = NULL; /* the table owns it now */
	}
	if (copy_to_user(user_fds, fds, sizeof(fds))) {
		err = -EFAULT;
		goto fail;
	}
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (fds[i] >= 0)
			fd_close(fds[i]);
		else if (ends[i])
			file_put(ends[i]);
	}
	return err;
}

SYSCALL_DEFINE1(pipe, int *, fds)
{
	return sys_pipe2(fds, 0);
}
