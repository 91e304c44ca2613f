// SPDX-License-Identifier: MIT
/*
 * Extended attributes: the setxattr, getxattr, listxattr and removexattr
 * families (path, l* and f* forms).  Only answers that do not depend on the
 * scratch file system are checked: argument errors, found in Linux's order,
 * and files whose answer the VFS or their file system fixes (procfs keeps
 * no attributes; user.* exists only on regular files and directories).
 * Nothing is ever set: every set call here fails on any Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "abi.h"

#define STATUS "/proc/self/status"

static void argument_errors(void)
{
	char name[300], *big;

	memset(name, 'a', sizeof(name));
	memcpy(name, "user.", 5);
	name[256] = '\0';
	make_file("f", "f", 1);
	check_errno("getxattr empty name", getxattr("f", "", NULL, 0), ERANGE);
	check_errno("getxattr long name", getxattr("f", name, NULL, 0), ERANGE);
	check_errno("setxattr long name", setxattr("f", name, "v", 1, 0), ERANGE);
	check_errno("removexattr empty name", removexattr("f", ""), ERANGE);
	check_errno("getxattr bad name pointer", syscall(SYS_getxattr, "f", (void *)8, NULL, 0UL), EFAULT);
	check_errno("setxattr bad flags", setxattr("f", "user.x", "v", 1, 4), EINVAL);
	big = calloc(1, 65537);
	check_errno("setxattr value too big", setxattr(STATUS, "user.x", big, 65537, 0), E2BIG);
	free(big);
	check_errno("setxattr bad value pointer",
		    syscall(SYS_setxattr, STATUS, "user.x", (void *)8, 16UL, 0), EFAULT);
	check_errno("getxattr missing", getxattr("missing", "user.x", NULL, 0), ENOENT);
	check_errno("setxattr missing", setxattr("missing", "user.x", "v", 1, 0), ENOENT);
	check_errno("listxattr missing", listxattr("missing", NULL, 0), ENOENT);
	check_errno("removexattr missing", removexattr("missing", "user.x"), ENOENT);
	check_errno("getxattr through a file", getxattr("f/x", "user.x", NULL, 0), ENOTDIR);
	check_errno("lgetxattr missing", lgetxattr("missing", "user.x", NULL, 0), ENOENT);
	check_errno("fgetxattr bad fd", fgetxattr(77, "user.x", NULL, 0), EBADF);
	check_errno("fsetxattr bad fd", fsetxattr(77, "user.x", "v", 1, 0), EBADF);
	check_errno("flistxattr bad fd", flistxattr(77, NULL, 0), EBADF);
	check_errno("fremovexattr bad fd", fremovexattr(77, "user.x"), EBADF);
	check_ok("unlink f", unlink("f"));
}

/* procfs keeps none: nothing to list, nothing to get, set or remove. */
static void procfs(void)
{
	char list[64];
	int fd = open(STATUS, O_RDONLY | O_CLOEXEC), path_fd;

	check_int("listxattr procfs", listxattr(STATUS, list, sizeof(list)), 0);
	check_int("listxattr procfs size query", listxattr(STATUS, NULL, 0), 0);
	check_int("llistxattr procfs", llistxattr(STATUS, list, sizeof(list)), 0);
	check_int("flistxattr procfs", flistxattr(fd, list, sizeof(list)), 0);
	check_errno("getxattr procfs", getxattr(STATUS, "user.x", list, sizeof(list)), EOPNOTSUPP);
	check_errno("getxattr procfs trusted", getxattr(STATUS, "trusted.x", NULL, 0), EOPNOTSUPP);
	check_errno("lgetxattr procfs", lgetxattr(STATUS, "user.x", NULL, 0), EOPNOTSUPP);
	check_errno("fgetxattr procfs", fgetxattr(fd, "user.x", NULL, 0), EOPNOTSUPP);
	check_errno("setxattr procfs", setxattr(STATUS, "user.x", "v", 1, 0), EOPNOTSUPP);
	check_errno("lsetxattr procfs", lsetxattr(STATUS, "user.x", "v", 1, 0), EOPNOTSUPP);
	check_errno("fsetxattr procfs", fsetxattr(fd, "user.x", "v", 1, XATTR_CREATE),
		    EOPNOTSUPP);
	check_errno("removexattr procfs", removexattr(STATUS, "user.x"), EOPNOTSUPP);
	check_errno("lremovexattr procfs", lremovexattr(STATUS, "user.x"), EOPNOTSUPP);
	check_errno("fremovexattr procfs", fremovexattr(fd, "user.x"), EOPNOTSUPP);
	close(fd);
	/* An O_PATH descriptor is no open file for these calls. */
	path_fd = open(STATUS, O_PATH | O_CLOEXEC);
	check_errno("fgetxattr O_PATH", fgetxattr(path_fd, "user.x", NULL, 0), EBADF);
	check_errno("flistxattr O_PATH", flistxattr(path_fd, NULL, 0), EBADF);
	close(path_fd);
}

/* user.* names only regular files and directories: -ENODATA to read, -EPERM to write. */
static void user_namespace(void)
{
	int p[2];

	check_errno("lgetxattr user on a symlink", lgetxattr("/proc/self", "user.x", NULL, 0),
		    ENODATA);
	check_errno("lsetxattr user on a symlink", lsetxattr("/proc/self", "user.x", "v", 1, 0),
		    EPERM);
	check_errno("lremovexattr user on a symlink", lremovexattr("/proc/self", "user.x"), EPERM);
	check_errno("getxattr user on a device", getxattr("/dev/null", "user.x", NULL, 0),
		    ENODATA);
	check_errno("setxattr user on a device", setxattr("/dev/null", "user.x", "v", 1, 0), EPERM);
	check_ok("pipe", pipe2(p, O_CLOEXEC));
	check_errno("fgetxattr user on a pipe", fgetxattr(p[0], "user.x", NULL, 0), ENODATA);
	check_errno("fsetxattr user on a pipe", fsetxattr(p[1], "user.x", "v", 1, 0), EPERM);
	check_errno("fremovexattr user on a pipe", fremovexattr(p[1], "user.x"), EPERM);
	check_int("flistxattr pipe", flistxattr(p[0], NULL, 0), 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	abi_begin("xattr");
	argument_errors();
	procfs();
	user_namespace();
	return abi_end();
}
