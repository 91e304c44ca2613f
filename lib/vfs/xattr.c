/*
 * Extended attributes: the setxattr, getxattr, listxattr and removexattr
 * families.  No file system here keeps extended attributes (ramfs, devfs
 * and procfs have none, and 9p does not forward them), so every call gives
 * Linux's answer for such a file system: after the same argument checks in
 * the same order, the list is empty and anything else is -EOPNOTSUPP, except
 * that user.* attributes exist only on regular files and directories
 * (-ENODATA to read, -EPERM to write them elsewhere), which the VFS decides
 * before asking the file system.
 */
#include <errno.h>
#include <linux/stat.h>
#include <linux/xattr.h>
#include <string.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "at.h"
#include "vfs_internal.h"

#define XATTR_NAME_MAX_LEN 255
#define XATTR_VALUE_MAX    65536

/* An empty or too long name is -ERANGE, as Linux's import_xattr_name. */
static int copy_name(const char *user_name, char name[XATTR_NAME_MAX_LEN + 1])
{
	long n = copy_string_from_user(name, user_name, XATTR_NAME_MAX_LEN + 1);

	if (n == -EFAULT)
		return -EFAULT;
	return n <= 0 ? -ERANGE : 0;
}

/* The value must be readable, as Linux copies it in before looking the file up. */
static int check_value(const char *user_value, size_t size)
{
	char chunk[256];

	if (size > XATTR_VALUE_MAX)
		return -E2BIG;
	for (size_t done = 0; done < size; done += sizeof(chunk)) {
		if (copy_from_user(chunk, user_value + done, MIN(sizeof(chunk), size - done)))
			return -EFAULT;
	}
	return 0;
}

static long answer(struct inode *inode, const char *name, bool write)
{
	uint32_t type = inode->attr.mode & S_IFMT;

	if (!strncmp(name, XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN) && type != S_IFREG &&
	    type != S_IFDIR)
		return write ? -EPERM : -ENODATA;
	return -EOPNOTSUPP;
}

static long get_or_remove(const char *path, int fd, int flags, const char *user_name, bool write)
{
	char name[XATTR_NAME_MAX_LEN + 1];
	struct vfs_path t;
	long err = copy_name(user_name, name);

	err = err ?: at_target(path ? AT_FDCWD : fd, path, flags, &t);
	if (err)
		return err;
	err = answer(t.inode, name, write);
	vfs_path_release(&t);
	return err;
}

static long set(const char *path, int fd, int at_flags, const char *user_name, const void *value,
		size_t size, int flags)
{
	char name[XATTR_NAME_MAX_LEN + 1];
	struct vfs_path t;
	long err;

	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = copy_name(user_name, name);
	err = err ?: check_value(value, size);
	err = err ?: at_target(path ? AT_FDCWD : fd, path, at_flags, &t);
	if (err)
		return err;
	err = answer(t.inode, name, true);
	vfs_path_release(&t);
	return err;
}

/* The list is empty: only the file must exist. */
static long list(const char *path, int fd, int flags)
{
	struct vfs_path t;
	long err = at_target(path ? AT_FDCWD : fd, path, flags, &t);

	if (!err)
		vfs_path_release(&t);
	return err;
}

SYSCALL_DEFINE5(setxattr, const char *, path, const char *, name, const void *, value, size_t,
		size, int, flags)
{
	return set(path, -1, 0, name, value, size, flags);
}

SYSCALL_DEFINE5(lsetxattr, const char *, path, const char *, name, const void *, value, size_t,
		size, int, flags)
{
	return set(path, -1, AT_SYMLINK_NOFOLLOW, name, value, size, flags);
}

SYSCALL_DEFINE5(fsetxattr, int, fd, const char *, name, const void *, value, size_t, size, int,
		flags)
{
	return set(NULL, fd, 0, name, value, size, flags);
}

SYSCALL_DEFINE4(getxattr, const char *, path, const char *, name, void *, value, size_t, size)
{
	(void)value, (void)size;
	return get_or_remove(path, -1, 0, name, false);
}

SYSCALL_DEFINE4(lgetxattr, const char *, path, const char *, name, void *, value, size_t, size)
{
	(void)value, (void)size;
	return get_or_remove(path, -1, AT_SYMLINK_NOFOLLOW, name, false);
}

SYSCALL_DEFINE4(fgetxattr, int, fd, const char *, name, void *, value, size_t, size)
{
	(void)value, (void)size;
	return get_or_remove(NULL, fd, 0, name, false);
}

SYSCALL_DEFINE3(listxattr, const char *, path, char *, names, size_t, size)
{
	(void)names, (void)size;
	return list(path, -1, 0);
}

SYSCALL_DEFINE3(llistxattr, const char *, path, char *, names, size_t, size)
{
	(void)names, (void)size;
	return list(path, -1, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(flistxattr, int, fd, char *, names, size_t, size)
{
	(void)names, (void)size;
	return list(NULL, fd, 0);
}

SYSCALL_DEFINE2(removexattr, const char *, path, const char *, name)
{
	return get_or_remove(path, -1, 0, name, true);
}

SYSCALL_DEFINE2(lremovexattr, const char *, path, const char *, name)
{
	return get_or_remove(path, -1, AT_SYMLINK_NOFOLLOW, name, true);
}

SYSCALL_DEFINE2(fremovexattr, int, fd, const char *, name)
{
	return get_or_remove(NULL, fd, 0, name, true);
}
