/*
 * flock(2): whole-file advisory locks owned by open file descriptions, so
 * that dup'ed descriptors share a lock and a second open() of the file
 * conflicts with it.  A description's lock goes with its last close.
 * Locks are few: one list for every file, searched by inode.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/list.h>
#include <tessera/syscall.h>
#include <tessera/vfs.h>
#include <tessera/waitq.h>
#include "vfs_internal.h"

struct flock_entry {
	struct file *owner;
	int type; /* LOCK_SH or LOCK_EX */
	struct list_head link;
};

static LIST_HEAD(locks);
static struct waitq released = WAITQ_INIT(released);

static struct flock_entry *held_by(struct file *f)
{
	struct flock_entry *e;

	list_for_each_entry(e, &locks, link) {
		if (e->owner == f)
			return e;
	}
	return NULL;
}

static bool conflicts(struct file *f, int type)
{
	struct flock_entry *e;

	list_for_each_entry(e, &locks, link) {
		if (e->owner != f && e->owner->inode == f->inode &&
		    (type == LOCK_EX || e->type == LOCK_EX))
			return true;
	}
	return false;
}

static void unlock(struct flock_entry *e)
{
	list_del(&e->link);
	alloc_free(alloc_default(), e);
	waitq_wake_all(&released);
}

void flock_release(struct file *f)
{
	irq_flags_t flags = irq_save();
	struct flock_entry *e = held_by(f);

	if (e)
		unlock(e);
	irq_restore(flags);
}

static long lock(struct file *f, int type, bool nonblock)
{
	struct flock_entry *e;
	irq_flags_t flags = irq_save();

	/* As on Linux, a conversion gives the old lock up before waiting for the new one. */
	e = held_by(f);
	if (e && e->type != type) {
		unlock(e);
		e = NULL;
	}
	while (!e && conflicts(f, type)) {
		if (nonblock) {
			irq_restore(flags);
			return -EWOULDBLOCK;
		}
		waitq_wait(&released, 0);
	}
	if (!e) {
		e = alloc_malloc(alloc_default(), sizeof(*e));
		if (!e) {
			irq_restore(flags);
			return -ENOLCK;
		}
		*e = (struct flock_entry){.owner = f, .type = type};
		list_add_tail(&e->link, &locks);
	}
	irq_restore(flags);
	return 0;
}

SYSCALL_DEFINE2(flock, int, fd, unsigned int, operation)
{
	struct file *f = fd_get(fd);
	int type = operation & ~LOCK_NB;
	long err;

	if (!f)
		return -EBADF;
	if (type == LOCK_UN) {
		flock_release(f);
		err = 0;
	} else if (type == LOCK_SH || type == LOCK_EX) {
		err = lock(f, type, operation & LOCK_NB);
	} else {
		err = -EINVAL;
	}
	file_put(f);
	return err;
}
