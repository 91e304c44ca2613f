/*
 * Process file descriptors (pidfd_open): a file that names a process by its
 * pid, which is never reused here.  It polls readable once the process has
 * ended (and hung up once it has been waited for); pidfd_send_signal
 * (kill.c) and waitid's P_PIDFD (wait.c) take it in place of the pid.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/vfs.h>
#include "proc.h"

#define PIDFD_NONBLOCK O_NONBLOCK

static unsigned int pidfd_poll(struct file *file, struct poll_table *pt)
{
	struct process *p = process_find((int)(uintptr_t)file->private);

	(void)pt; /* a process here ends while its parent waits in fork: nobody polls meanwhile */
	if (!p)
		return POLLIN | POLLRDNORM | POLLHUP;
	return p->ended ? POLLIN | POLLRDNORM : 0;
}

static const struct file_operations pidfd_fops = {.poll = pidfd_poll};

int pidfd_pid(int fd)
{
	struct file *f = fd_get(fd);
	int pid = f && f->fops == &pidfd_fops ? (int)(uintptr_t)f->private : -EBADF;

	if (f)
		file_put(f);
	return pid;
}

/* Linux 6.9's PIDFD_THREAD (a pidfd of one thread) is refused, as before it. */
SYSCALL_DEFINE2(pidfd_open, int, pid, unsigned int, flags)
{
	struct file *f;
	int fd;

	if ((flags & ~PIDFD_NONBLOCK) || pid <= 0)
		return -EINVAL;
	if (!process_find(pid))
		return task_find(pid) ? -EINVAL : -ESRCH; /* a thread is not a process */
	f = anon_file_new("[pidfd]", &pidfd_fops, (void *)(uintptr_t)pid, O_RDWR | flags);
	if (!f)
		return -ENOMEM;
	fd = fd_install(f, 0, true);
	if (fd < 0)
		file_put(f);
	return fd;
}
