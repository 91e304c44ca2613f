/*
 * Anonymous files (eventfd, timerfd, epoll): no name, no file system, one
 * shared inode, as Linux's anon_inodefs.  The file's own operations and
 * private data say what it is.
 */
#include <tessera/alloc.h>
#include <tessera/fmt.h>
#include <tessera/vfs.h>

#define ANON_MODE 0600 /* S_IRUSR | S_IWUSR, and no file type: what Linux's fstat shows */

static struct super_block anon_sb;
static struct inode *anon_inode;

struct file *anon_file_new(const char *name, const struct file_operations *fops, void *private,
			   unsigned int flags)
{
	char path[64];
	struct file *f;

	if (!anon_inode) {
		anon_sb.dev = vfs_new_dev();
		anon_inode = inode_new(&anon_sb, ANON_MODE);
		if (!anon_inode)
			return NULL;
	}
	fmt_snprintf(path, sizeof(path), "anon_inode:%s", name);
	f = file_new(anon_inode, flags, path);
	if (f) {
		f->fops = fops;
		f->private = private;
	}
	return f;
}
