/*
 * Descriptors 0, 1 and 2.  console.tty= lists which of them the host sees
 * as a terminal (tessera run passes its own isatty answers); the others are
 * plain streams on the same console, so that programs buffer and prompt as
 * they would on the host.  Without the option, all three are terminals.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include <tessera/devfs.h>
#include <tessera/fdtable.h>
#include "devfs_internal.h"

static unsigned int tty_mask = 07; /* bit n: descriptor n is a terminal */

static int set_tty(const char *value)
{
	tty_mask = 0;
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p >= '0' && *p <= '2')
			tty_mask |= 1u << (*p - '0');
		else if (*p != ',')
			return -EINVAL;
	}
	return 0;
}
KERNEL_PARAM("console.tty", set_tty, "which of fds 0,1,2 are terminals, e.g. console.tty=1,2");

static struct inode *stream_inode(void)
{
	static struct inode *inode;

	if (!inode) {
		inode = inode_new(&devfs_sb, 0010600); /* a fifo, as a host pipe looks */
		if (inode)
			inode->fops = &stream_fops;
	}
	return inode;
}

static int open_std(int fd, int flags, enum console_stream stream)
{
	bool tty = tty_mask & (1u << fd);
	struct inode *inode = tty ? devfs_node("console") : stream_inode();
	struct file *f;

	if (!inode)
		return -ENOMEM;
	f = file_new(inode, flags, tty ? "/dev/console" : "pipe:[console]");
	if (!f)
		return -ENOMEM;
	f->private = (void *)(uintptr_t)stream;
	return fd_install_at(f, fd, false) < 0 ? -EMFILE : 0;
}

int devfs_open_stdio(void)
{
	int err = open_std(0, O_RDONLY, CONSOLE_STDIN);

	err = err ?: open_std(1, O_WRONLY, CONSOLE_STDOUT);
	return err ?: open_std(2, O_WRONLY, CONSOLE_STDERR);
}
