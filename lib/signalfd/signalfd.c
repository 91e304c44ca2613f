/*
 * signalfd: the signals of a mask as a file.  A read takes pending signals
 * of the mask (the reading thread's own, then its process's), each as a
 * struct signalfd_siginfo, as many as fit, waiting while there is none; the
 * file is readable while one is pending.  The signals are normally blocked,
 * so that they stay pending for the file instead of being delivered.
 * signalfd4 on an existing signalfd changes its mask.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/signalfd.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/restart.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include <tessera/waitq.h>

#define UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))

struct signalfd {
	uint64_t mask;
};


/* What Linux's signalfd_copyinfo passes on for each kind of signal. */
static void to_ssi(const siginfo_t *info, struct signalfd_siginfo *ssi)
{
	*ssi = (struct signalfd_siginfo){.ssi_signo = info->si_signo,
					 .ssi_errno = info->si_errno,
					 .ssi_code = info->si_code};
	if (info->si_code == SI_TIMER) {
		ssi->ssi_tid = info->si_tid;
		ssi->ssi_overrun = info->si_overrun;
		ssi->ssi_ptr = (uintptr_t)info->si_ptr;
		ssi->ssi_int = info->si_int;
	} else if (info->si_signo == SIGCHLD && info->si_code > 0) {
		ssi->ssi_pid = info->si_pid;
		ssi->ssi_uid = info->si_uid;
		ssi->ssi_status = info->si_status;
	} else if (info->si_code > 0 && info->si_code != SI_KERNEL && info->si_signo != SIGCHLD) {
		ssi->ssi_addr = (uintptr_t)info->si_addr;
	} else {
		ssi->ssi_pid = info->si_pid;
		ssi->ssi_uid = info->si_uid;
		ssi->ssi_ptr = (uintptr_t)info->si_ptr;
		ssi->ssi_int = info->si_int;
	}
}

/* One signal of the mask, waiting for it unless the file is non-blocking. */
static int take(struct file *file, uint64_t mask, bool wait, siginfo_t *info)
{
	irq_flags_t flags = irq_save();
	int sig;

	while (!(sig = signal_dequeue_in(mask, info))) {
		if (!wait || (file->flags & O_NONBLOCK)) {
			sig = -EAGAIN;
			break;
		}
		if (waitq_wait_interruptible(signal_waitq(), 0) == -EINTR) {
			sig = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(flags);
	return sig;
}

static ssize_t signalfd_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	struct signalfd *s = file->private;
	struct signalfd_siginfo ssi;
	siginfo_t info;
	size_t done = 0;

	(void)pos;
	if (len < sizeof(ssi))
		return -EINVAL;
	while (len - done >= sizeof(ssi)) {
		int sig = take(file, s->mask, done == 0, &info);

		if (sig < 0)
			return done ? (ssize_t)done : sig;
		to_ssi(&info, &ssi);
		if (copy_to_user((char *)buf + done, &ssi, sizeof(ssi)))
			return done ? (ssize_t)done : -EFAULT;
		done += sizeof(ssi);
	}
	return done;
}

static unsigned int signalfd_poll(struct file *file, struct poll_table *pt)
{
	struct signalfd *s = file->private;

	poll_wait(pt, signal_waitq());
	return signal_pending_in(s->mask) ? POLLIN : 0;
}

static void signalfd_release(struct file *file)
{
	alloc_free(alloc_default(), file->private);
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

static int update(int fd, uint64_t mask)
{
	struct file *f = fd_get(fd);
	int err = 0;

	if (!f)
		return -EBADF;
	if (f->fops != &signalfd_fops)
		err = -EINVAL;
	else
		((struct signalfd *)f->private)->mask = mask;
	file_put(f);
	return err ?: fd;
}

SYSCALL_DEFINE4(signalfd4, int, fd, const uint64_t *, umask, size_t, sizemask, int, flags)
{
	struct signalfd *s;
	struct file *f;
	uint64_t mask;
	int newfd;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~UNBLOCKABLE;
	if (fd != -1)
		return update(fd, mask);
	s = alloc_malloc(alloc_default(), sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->mask = mask;
	f = anon_file_new("[signalfd]", &signalfd_fops, s, O_RDWR | (flags & SFD_NONBLOCK));
	if (!f) {
		alloc_free(alloc_default(), s);
		return -ENOMEM;
	}
	newfd = fd_install(f, 0, flags & SFD_CLOEXEC);
	if (newfd < 0)
		file_put(f);
	return newfd;
}

SYSCALL_DEFINE3(signalfd, int, fd, const uint64_t *, umask, size_t, sizemask)
{
	return sys_signalfd4(fd, umask, sizemask, 0);
}
