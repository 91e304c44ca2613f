// SPDX-License-Identifier: MIT
/*
 * Error numbers on bad input, one check per case, made with raw system calls
 * wherever a C library wrapper could answer (or crash) before the kernel:
 * EBADF, ENOENT, EFAULT, EINVAL, ENOTDIR, EISDIR, EEXIST, ENAMETOOLONG, ELOOP,
 * EMFILE (RLIMIT_NOFILE lowered), ESPIPE, ENOTTY, ERANGE, ENOSYS, ENOMEM,
 * ECHILD, ESRCH, EAGAIN, EPERM, EACCES.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

#define BAD_LOW	   ((void *)8)
#define BAD_KERNEL ((void *)0xffff888000000000UL)

static void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0L);

	munmap(p, 4096);
	return p;
}

static void ebadf(void)
{
	struct stat st;
	char c;

	check_errno("EBADF close", syscall(SYS_close, 999), EBADF);
	check_errno("EBADF close negative", syscall(SYS_close, -1L), EBADF);
	check_errno("EBADF read", syscall(SYS_read, 999, &c, 1), EBADF);
	check_errno("EBADF write", syscall(SYS_write, 999, &c, 1), EBADF);
	check_errno("EBADF fstat", syscall(SYS_fstat, 999, &st), EBADF);
	check_errno("EBADF lseek", syscall(SYS_lseek, 999, 0, SEEK_SET), EBADF);
	check_errno("EBADF fcntl", syscall(SYS_fcntl, 999, F_GETFD), EBADF);
	check_errno("EBADF dup", syscall(SYS_dup, 999), EBADF);
	check_errno("EBADF fchdir", syscall(SYS_fchdir, 999), EBADF);
	check_errno("EBADF openat dirfd", syscall(SYS_openat, 999, "x", O_RDONLY), EBADF);
	check_errno("EBADF fsync", syscall(SYS_fsync, 999), EBADF);
	check_errno("EBADF getdents64", syscall(SYS_getdents64, 999, &st, sizeof(st)), EBADF);
}

static void enoent(void)
{
	struct stat st;

	check_errno("ENOENT open", syscall(SYS_open, "missing", O_RDONLY), ENOENT);
	check_errno("ENOENT open in missing dir", syscall(SYS_open, "missing/x", O_RDONLY), ENOENT);
	check_errno("ENOENT stat", syscall(SYS_stat, "missing", &st), ENOENT);
	check_errno("ENOENT unlink", syscall(SYS_unlink, "missing"), ENOENT);
	check_errno("ENOENT rmdir", syscall(SYS_rmdir, "missing"), ENOENT);
	check_errno("ENOENT chdir", syscall(SYS_chdir, "missing"), ENOENT);
	check_errno("ENOENT rename", syscall(SYS_rename, "missing", "other"), ENOENT);
	check_errno("ENOENT empty path", syscall(SYS_open, "", O_RDONLY), ENOENT);
	check_errno("ENOENT O_CREAT in missing dir",
		    syscall(SYS_open, "missing/x", O_WRONLY | O_CREAT, 0644), ENOENT);
}

static void efault(void)
{
	void *gone = unmapped_page();
	struct iovec iov = {.iov_base = BAD_LOW, .iov_len = 4};
	int fd, p[2];

	make_file("file", "0123456789", 10);
	fd = open("file", O_RDWR | O_CLOEXEC);
	check_errno("EFAULT open path", syscall(SYS_open, BAD_LOW, O_RDONLY), EFAULT);
	check_errno("EFAULT open kernel path", syscall(SYS_open, BAD_KERNEL, O_RDONLY), EFAULT);
	check_errno("EFAULT stat path", syscall(SYS_stat, gone, gone), EFAULT);
	check_errno("EFAULT stat buffer", syscall(SYS_stat, "file", BAD_LOW), EFAULT);
	check_errno("EFAULT fstat buffer", syscall(SYS_fstat, fd, gone), EFAULT);
	check_errno("EFAULT read buffer", syscall(SYS_pread64, fd, BAD_LOW, 4, 0), EFAULT);
	check_errno("EFAULT read kernel buffer", syscall(SYS_pread64, fd, BAD_KERNEL, 4, 0),
		    EFAULT);
	check_errno("EFAULT read unmapped buffer", syscall(SYS_pread64, fd, gone, 4, 0), EFAULT);
	check_errno("EFAULT write buffer", syscall(SYS_write, fd, gone, 4), EFAULT);
	check_errno("EFAULT readv iov", syscall(SYS_readv, fd, gone, 1), EFAULT);
	check_errno("EFAULT readv iov_base", syscall(SYS_preadv, fd, &iov, 1, 0, 0), EFAULT);
	check_errno("EFAULT pipe", syscall(SYS_pipe, BAD_LOW), EFAULT);
	check_errno("EFAULT clock_gettime", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, gone),
		    EFAULT);
	check_errno("EFAULT gettimeofday", syscall(SYS_gettimeofday, BAD_LOW, NULL), EFAULT);
	check_errno("EFAULT uname", syscall(SYS_uname, gone), EFAULT);
	check_errno("EFAULT getcwd", syscall(SYS_getcwd, BAD_LOW, 100), EFAULT);
	check_errno("EFAULT getrandom", syscall(SYS_getrandom, gone, 16, 0), EFAULT);
	check_errno("EFAULT nanosleep", syscall(SYS_nanosleep, gone, NULL), EFAULT);
	check_errno("EFAULT getrlimit", syscall(SYS_getrlimit, RLIMIT_NOFILE, BAD_LOW), EFAULT);
	check_errno("EFAULT mkdir path", syscall(SYS_mkdir, BAD_KERNEL, 0755), EFAULT);
	check_ok("symlink for readlink", symlink("file", "link"));
	check_errno("EFAULT readlink link buffer", syscall(SYS_readlink, "link", BAD_LOW, 10),
		    EFAULT);
	check_ok("pipe after EFAULT", pipe(p));
	check_true("pipe after EFAULT lowest fds", p[0] == fd + 1 && p[1] == fd + 2);
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void einval(void)
{
	struct timespec ts;
	int fd = open("file", O_RDONLY | O_CLOEXEC), p[2];

	check_errno("EINVAL lseek whence", syscall(SYS_lseek, fd, 0, 77), EINVAL);
	check_errno("EINVAL lseek negative", syscall(SYS_lseek, fd, -1L, SEEK_SET), EINVAL);
	check_errno("EINVAL mmap zero length",
		    syscall(SYS_mmap, NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0L),
		    EINVAL);
	check_errno("EINVAL dup3 same fd", syscall(SYS_dup3, fd, fd, 0), EINVAL);
	check_errno("EINVAL pipe2 flags", syscall(SYS_pipe2, p, 0x7fff0000), EINVAL);
	check_errno("EINVAL clock id", syscall(SYS_clock_gettime, 4242, &ts), EINVAL);
	check_errno("EINVAL fcntl cmd", syscall(SYS_fcntl, fd, 4242), EINVAL);
	check_errno("EINVAL F_DUPFD negative", syscall(SYS_fcntl, fd, F_DUPFD, -1L), EINVAL);
	check_errno("EINVAL access mode", syscall(SYS_access, "file", 0x40), EINVAL);
	check_errno("EINVAL munmap unaligned", syscall(SYS_munmap, (void *)4097, 4096), EINVAL);
	check_errno("EINVAL readlink not a link", syscall(SYS_readlink, "file", &ts, sizeof(ts)),
		    EINVAL);
	check_errno("EINVAL rmdir dot", syscall(SYS_rmdir, "."), EINVAL);
	check_errno("EINVAL O_TMPFILE without O_DIRECTORY",
		    syscall(SYS_open, "file", O_TMPFILE & ~O_DIRECTORY), EINVAL);
	close(fd);
}

static void paths(void)
{
	char name[300];

	check_ok("mkdir", mkdir("dir", 0755));
	make_file("dir/f", "", 0);
	check_errno("ENOTDIR component", syscall(SYS_open, "file/x", O_RDONLY), ENOTDIR);
	check_errno("ENOTDIR O_DIRECTORY", syscall(SYS_open, "file", O_RDONLY | O_DIRECTORY),
		    ENOTDIR);
	check_errno("ENOTDIR rmdir", syscall(SYS_rmdir, "file"), ENOTDIR);
	check_errno("EISDIR open for write", syscall(SYS_open, "dir", O_WRONLY), EISDIR);
	check_errno("EISDIR unlink", syscall(SYS_unlink, "dir"), EISDIR);
	check_errno("EEXIST mkdir", syscall(SYS_mkdir, "dir", 0755), EEXIST);
	check_errno("EEXIST O_EXCL", syscall(SYS_open, "file", O_WRONLY | O_CREAT | O_EXCL, 0644),
		    EEXIST);
	check_errno("EEXIST link", syscall(SYS_link, "file", "dir/f"), EEXIST);
	check_errno("ENOTEMPTY rmdir", syscall(SYS_rmdir, "dir"), ENOTEMPTY);
	check_errno("EPERM link to dir", syscall(SYS_link, "dir", "dir2"), EPERM);
	memset(name, 'n', 256);
	name[256] = 0;
	check_errno("ENAMETOOLONG component", syscall(SYS_open, name, O_RDONLY), ENAMETOOLONG);
	check_errno("ENAMETOOLONG mkdir", syscall(SYS_mkdir, name, 0755), ENAMETOOLONG);
	check_ok("symlink self", symlink("self", "self"));
	check_errno("ELOOP self link", syscall(SYS_open, "self", O_RDONLY), ELOOP);
	check_errno("ELOOP O_NOFOLLOW", syscall(SYS_open, "link", O_RDONLY | O_NOFOLLOW), ELOOP);
}

static void emfile(void)
{
	struct rlimit orig, rl;
	int fds[64], n = 0, i, inuse, p[2];
	long r;

	check_ok("getrlimit", getrlimit(RLIMIT_NOFILE, &orig));
	rl = (struct rlimit){.rlim_cur = 32, .rlim_max = orig.rlim_max};
	check_ok("lower RLIMIT_NOFILE", setrlimit(RLIMIT_NOFILE, &rl));
	while (n < 64 && (r = syscall(SYS_dup, 1)) >= 0)
		fds[n++] = (int)r;
	check_errno("EMFILE dup", r, EMFILE);
	for (inuse = 0, i = 0; i < 40; i++)
		inuse += fcntl(i, F_GETFD) != -1;
	check_int("EMFILE after exactly the limit", inuse, 32);
	check_errno("EMFILE open", syscall(SYS_open, "file", O_RDONLY), EMFILE);
	check_errno("EMFILE pipe", syscall(SYS_pipe, p), EMFILE);
	check_errno("EMFILE F_DUPFD", syscall(SYS_fcntl, 1, F_DUPFD, 0), EMFILE);
	check_errno("EINVAL F_DUPFD above limit", syscall(SYS_fcntl, 1, F_DUPFD, 32), EINVAL);
	check_errno("EBADF dup2 above limit", syscall(SYS_dup2, 1, 32), EBADF);
	for (i = 0; i < n; i++)
		close(fds[i]);
	check_ok("restore RLIMIT_NOFILE", setrlimit(RLIMIT_NOFILE, &orig));
	r = syscall(SYS_dup, 1);
	check_ok("dup after EMFILE", r);
	close((int)r);
}

static void others(void)
{
	struct termios tio;
	char buf[128], c;
	int fd = open("file", O_RDONLY | O_CLOEXEC), wfd = open("file", O_WRONLY | O_CLOEXEC), p[2];

	check_ok("pipe2 nonblocking", pipe2(p, O_NONBLOCK | O_CLOEXEC));
	check_errno("ESPIPE lseek pipe", syscall(SYS_lseek, p[0], 0, SEEK_SET), ESPIPE);
	check_errno("ESPIPE pwrite pipe", syscall(SYS_pwrite64, p[1], "x", 1, 0), ESPIPE);
	check_errno("EAGAIN empty pipe", syscall(SYS_read, p[0], &c, 1), EAGAIN);
	close(p[0]);
	close(p[1]);
	check_errno("ENOTTY ioctl on file", syscall(SYS_ioctl, fd, TCGETS, &tio), ENOTTY);
	check_errno("ERANGE getcwd", syscall(SYS_getcwd, buf, 1), ERANGE);
	check_errno("ENOSYS unknown syscall", syscall(1000), ENOSYS);
	check_errno("ENOSYS far syscall", syscall(0x7fff), ENOSYS);
	check_errno(
		"ENOMEM huge mmap",
		syscall(SYS_mmap, NULL, 1UL << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0L),
		ENOMEM);
	check_errno("ENOMEM mprotect unmapped",
		    syscall(SYS_mprotect, unmapped_page(), 4096, PROT_READ), ENOMEM);
	check_errno("ECHILD wait4 without children", syscall(SYS_wait4, -1L, NULL, 0, NULL),
		    ECHILD);
	check_errno("ESRCH no such pid",
		    syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof(buf), buf), ESRCH);
	check_errno("EACCES mmap write-only fd",
		    syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, wfd, 0), EACCES);
	close(wfd);
	close(fd);
}

int main(void)
{
	abi_begin("errno");
	ebadf();
	enoent();
	efault();
	einval();
	paths();
	emfile();
	others();
	return abi_end();
}
