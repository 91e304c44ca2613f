/*
 * memfd_create: an anonymous file in memory, as Linux's tmpfs-backed
 * memfds.  No directory holds it; its descriptor shows "/memfd:NAME
 * (deleted)".  It reads, writes, truncates and maps (shared mappings see
 * one set of pages) as any ramfs file, and with MFD_ALLOW_SEALING takes
 * seals (fcntl F_ADD_SEALS, lib/vfs/seals.c).
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/memfd.h>
#include <tessera/fdtable.h>
#include <tessera/fmt.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "ramfs_internal.h"

#define MFD_NAME_PREFIX "memfd:"
#define MFD_NAME_MAX	(255 - (sizeof(MFD_NAME_PREFIX) - 1)) /* the whole name fits NAME_MAX */
#define MFD_NOEXEC_SEAL 0x0008U /* Linux 6.3: not executable, and sealed so */
#define MFD_EXEC	0x0010U
#define F_SEAL_EXEC	0x0020U
#define MFD_KNOWN	(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)
#define MFD_HUGE_SIZES	(MFD_HUGE_MASK << MFD_HUGE_SHIFT)

static struct super_block memfd_sb = {.fs = &ramfs_tmpfs};

static struct inode *memfd_inode(unsigned int flags)
{
	struct inode *inode;

	if (!memfd_sb.dev)
		memfd_sb.dev = vfs_new_dev();
	inode = ramfs_new_inode(&memfd_sb, flags & MFD_NOEXEC_SEAL ? 0100666 : 0100777);
	if (!inode)
		return NULL;
	inode->attr.nlink = 0;
	if (flags & MFD_NOEXEC_SEAL)
		inode->seals = VFS_SEALABLE | F_SEAL_EXEC;
	else
		inode->seals = VFS_SEALABLE | (flags & MFD_ALLOW_SEALING ? 0 : F_SEAL_SEAL);
	return inode;
}

/* Huge pages would need hugetlbfs: -ENOSYS, as on a Linux built without it. */
SYSCALL_DEFINE2(memfd_create, const char *, user_name, unsigned int, flags)
{
	char name[MFD_NAME_MAX + 1], path[sizeof(name) + 32];
	struct inode *inode;
	struct file *f;
	long n;
	int fd;

	if (flags & ~(MFD_KNOWN | (flags & MFD_HUGETLB ? MFD_HUGE_SIZES : 0)))
		return -EINVAL;
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
		return -EINVAL;
	n = copy_string_from_user(name, user_name, sizeof(name));
	if (n == -EFAULT)
		return -EFAULT;
	if (n < 0)
		return -EINVAL;
	if (flags & MFD_HUGETLB)
		return -ENOSYS;
	inode = memfd_inode(flags);
	if (!inode)
		return -ENOMEM;
	fmt_snprintf(path, sizeof(path), "/" MFD_NAME_PREFIX "%s (deleted)", name);
	f = file_new(inode, O_RDWR, path);
	inode_put(inode);
	if (!f)
		return -ENOMEM;
	fd = fd_install(f, 0, flags & MFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}
