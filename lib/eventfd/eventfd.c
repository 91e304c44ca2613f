/*
 * eventfd: a 64-bit counter as a file.  A write of exactly 8 bytes adds to it,
 * waiting while the sum would reach 2^64-1; a read takes all of it (or 1,
 * with EFD_SEMAPHORE), waiting while it is 0.  Readable while not 0,
 * writable while a write of 1 would not wait.  Every change wakes the one
 * wait queue with the event it made (POLLIN after a write, POLLOUT after a
 * read), which is what epoll's edge-triggered items see, as on Linux.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/restart.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include <tessera/waitq.h>

/* Linux's values (its uapi headers do not carry them). */
#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC O_CLOEXEC
#define EFD_NONBLOCK O_NONBLOCK

#define COUNT_MAX (~0ULL) /* never reached: writes wait below it */

struct eventfd {
	uint64_t count;
	bool semaphore;
	struct waitq wq;
};

static ssize_t eventfd_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	struct eventfd *e = file->private;
	irq_flags_t flags;
	uint64_t value;

	(void)pos;
	if (len < sizeof(value))
		return -EINVAL;
	flags = irq_save();
	while (e->count == 0 && !(file->flags & O_NONBLOCK)) {
		if (waitq_wait_interruptible(&e->wq, 0) == -EINTR) {
			irq_restore(flags);
			return -ERESTARTSYS;
		}
	}
	if (e->count == 0) {
		irq_restore(flags);
		return -EAGAIN;
	}
	value = e->semaphore ? 1 : e->count;
	e->count -= value;
	waitq_wake_all_key(&e->wq, POLLOUT);
	irq_restore(flags);
	/* As on Linux, the value is taken even if it cannot be handed over. */
	if (copy_to_user(buf, &value, sizeof(value)))
		return -EFAULT;
	return sizeof(value);
}

static ssize_t eventfd_write(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	struct eventfd *e = file->private;
	irq_flags_t flags;
	uint64_t value;

	(void)pos;
	if (len != sizeof(value))
		return -EINVAL;
	if (copy_from_user(&value, buf, sizeof(value)))
		return -EFAULT;
	if (value == COUNT_MAX)
		return -EINVAL;
	flags = irq_save();
	while (COUNT_MAX - e->count <= value && !(file->flags & O_NONBLOCK)) {
		if (waitq_wait_interruptible(&e->wq, 0) == -EINTR) {
			irq_restore(flags);
			return -ERESTARTSYS;
		}
	}
	if (COUNT_MAX - e->count <= value) {
		irq_restore(flags);
		return -EAGAIN;
	}
	e->count += value;
	waitq_wake_all_key(&e->wq, POLLIN);
	irq_restore(flags);
	return sizeof(value);
}

static unsigned int eventfd_poll(struct file *file, struct poll_table *pt)
{
	struct eventfd *e = file->private;
	unsigned int events = 0;

	poll_wait(pt, &e->wq);
	if (e->count > 0)
		events |= POLLIN;
	if (e->count == COUNT_MAX)
		events |= POLLERR;
	if (COUNT_MAX - 1 > e->count)
		events |= POLLOUT;
	return events;
}

static void eventfd_release(struct file *file)
{
	struct eventfd *e = file->private;

	waitq_wake_all(&e->wq); /* pollers must not keep entries on a freed queue */
	alloc_free(alloc_default(), e);
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	struct eventfd *e;
	struct file *f;
	int fd;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	e = alloc_calloc(alloc_default(), 1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->count = count;
	e->semaphore = flags & EFD_SEMAPHORE;
	waitq_init(&e->wq);
	f = anon_file_new("[eventfd]", &eventfd_fops, e, O_RDWR | (flags & EFD_NONBLOCK));
	if (!f) {
		alloc_free(alloc_default(), e);
		return -ENOMEM;
	}
	fd = fd_install(f, 0, flags & EFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return sys_eventfd2(count, 0);
}
