/*
 * /proc/1/fd and fdinfo: one numbered entry per open descriptor.  An fd/N
 * link's target is the open file's path (or its description, such as
 * "pipe:[3]", as Linux shows for files without one); opening it opens that
 * file again, also a pipe or a deleted file, as Linux's magic links.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/fdtable.h>
#include "procfs_internal.h"

static long next_fd(long from)
{
	int highest = fd_highest();

	for (long fd = from; fd <= highest; fd++) {
		struct file *f = fd_get(fd);

		if (f) {
			file_put(f);
			return fd;
		}
	}
	return -1;
}

static int show_fd_link(struct proc_buf *b, const struct proc_node *node)
{
	struct file *f = fd_get(node->number);
	const char *path;

	if (!f)
		return -ENOENT; /* closed since the lookup */
	path = vfs_user_path(f->path);
	proc_put(b, path, strlen(path));
	file_put(f);
	return 0;
}

static struct file *fd_link_file(const struct proc_node *node)
{
	return fd_get(node->number);
}

static int show_fdinfo(struct proc_buf *b, const struct proc_node *node)
{
	struct file *f = fd_get(node->number);
	int cloexec = fd_get_cloexec(node->number);

	if (!f)
		return -ENOENT;
	proc_printf(b, "pos:\t%lu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", (unsigned long)f->pos,
		    f->flags | (cloexec > 0 ? O_CLOEXEC : 0), proc_mount_id(f->path),
		    (unsigned long)f->inode->attr.ino);
	file_put(f);
	return 0;
}

static const struct proc_entry fd_link = {
	.mode = S_IFLNK | 0700, .show = show_fd_link, .file = fd_link_file};
static const struct proc_entry fdinfo_file = {.mode = S_IFREG | 0444, .show = show_fdinfo};

const struct proc_dir proc_fd_dir = {.numbered = &fd_link, .next_number = next_fd};
const struct proc_dir proc_fdinfo_dir = {.numbered = &fdinfo_file, .next_number = next_fd};
