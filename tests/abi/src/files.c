// SPDX-License-Identifier: MIT
/*
 * Regular files: open/creat/read/write and their positioned and vectored
 * forms (preadv2/pwritev2 with RWF_* flags too), lseek, truncation, the stat
 * family (libc, raw syscalls, statx), names (rename, link, unlink, symlink,
 * readlink), chmod, utimensat and the older utime/utimes/futimesat, fsync,
 * readahead/fadvise64/sync_file_range, access, dup/dup2/dup3, fcntl, open
 * flags, sendfile, copy_file_range, the chown family, fallocate, flock,
 * statfs/fstatfs, the *at forms of rename/link/symlink/readlink,
 * sync/syncfs, close_range.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <utime.h>
#include <unistd.h>

#include "abi.h"

/* The kernel's struct statx (linux/stat.h), which musl does not provide. */
struct abi_statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct abi_statx {
	uint32_t mask;
	uint32_t blksize;
	uint64_t attributes;
	uint32_t nlink;
	uint32_t uid;
	uint32_t gid;
	uint16_t mode;
	uint16_t spare0;
	uint64_t ino;
	uint64_t size;
	uint64_t blocks;
	uint64_t attributes_mask;
	struct abi_statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

#define ABI_STATX_TYPE	      0x1U
#define ABI_STATX_MODE	      0x2U
#define ABI_STATX_SIZE	      0x200U
#define ABI_STATX_BASIC_STATS 0x7ffU

/* Kernel flag values, spelled out: not every C library's headers have them. */
#define ABI_FALLOC_FL_KEEP_SIZE 0x1
#define ABI_RENAME_NOREPLACE	0x1
#define ABI_CLOSE_RANGE_CLOEXEC 0x4
#define ABI_PROC_SUPER_MAGIC	0x9fa0

static long long cur(int fd)
{
	return lseek(fd, 0, SEEK_CUR);
}

static long long size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The whole content of PATH must be WANT (N bytes). */
static void check_content(const char *name, const char *path, const void *want, size_t n)
{
	static unsigned char buf[16384];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got = fd < 0 ? -1 : read(fd, buf, sizeof(buf));

	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)n)
		check(name, 0, "read %zd bytes, want %zu", got, n);
	else
		check_mem(name, buf, want, n);
}

static void basic_io(void)
{
	char buf[64];
	struct stat st;
	struct iovec iov[3];
	int fd;

	fd = creat("f", 0644);
	check_ok("creat", fd);
	check_int("creat is write-only", fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	check_int("write returns count", write(fd, "hello world\n", 12), 12);
	check_int("offset after write", cur(fd), 12);
	check_errno("read on write-only fd", read(fd, buf, 1), EBADF);
	check_ok("close", close(fd));

	fd = open("f", O_RDWR);
	check_ok("open O_RDWR", fd);
	check_ok("fstat", fstat(fd, &st));
	check_int("fstat size", st.st_size, 12);
	check_true("fstat is regular", S_ISREG(st.st_mode));
	check_int("fstat nlink", st.st_nlink, 1);
	check_int("read returns size", read(fd, buf, sizeof(buf)), 12);
	check_mem("read content", buf, "hello world\n", 12);
	check_int("read at eof", read(fd, buf, sizeof(buf)), 0);

	memset(buf, 0, sizeof(buf));
	check_int("pread count", pread(fd, buf, 5, 6), 5);
	check_mem("pread content", buf, "world", 5);
	check_int("pread keeps offset", cur(fd), 12);
	check_int("pwrite count", pwrite(fd, "HELLO", 5, 0), 5);
	check_int("pwrite keeps offset", cur(fd), 12);
	check_int("pread after pwrite", pread(fd, buf, sizeof(buf), 0), 12);
	check_mem("pwrite content", buf, "HELLO world\n", 12);
	check_int("pread past eof", pread(fd, buf, 4, 1000), 0);

	check_int("lseek set", lseek(fd, 3, SEEK_SET), 3);
	check_int("lseek cur", lseek(fd, 2, SEEK_CUR), 5);
	check_int("lseek end", lseek(fd, -1, SEEK_END), 11);
	check_int("read after lseek", read(fd, buf, sizeof(buf)), 1);
	check_true("read after lseek content", buf[0] == '\n');
	check_errno("lseek negative", lseek(fd, -100, SEEK_SET), EINVAL);
	check_errno("lseek bad whence", lseek(fd, 0, 42), EINVAL);
	check_int("lseek unchanged after error", cur(fd), 12);

	iov[0] = (struct iovec){.iov_base = "ab", .iov_len = 2};
	iov[1] = (struct iovec){.iov_base = "", .iov_len = 0};
	iov[2] = (struct iovec){.iov_base = "cde", .iov_len = 3};
	check_int("writev count", writev(fd, iov, 3), 5);
	check_int("writev size", size_of("f"), 17);
	memset(buf, 0, sizeof(buf));
	iov[0] = (struct iovec){.iov_base = buf, .iov_len = 1};
	iov[1] = (struct iovec){.iov_base = buf + 10, .iov_len = 10};
	check_int("readv lseek", lseek(fd, 11, SEEK_SET), 11);
	check_int("readv count", readv(fd, iov, 2), 6);
	check_true("readv first", buf[0] == '\n');
	check_mem("readv second", buf + 10, "abcde", 5);
	check_int("preadv count", preadv(fd, iov, 2, 12), 5);
	check_mem("preadv content", buf, "abcde", 1);
	check_mem("preadv second", buf + 10, "bcde", 4);
	check_int("pwritev count", pwritev(fd, iov, 1, 0), 1);
	check_int("pwritev keeps offset", cur(fd), 17);

	/* A write past the end leaves a hole that reads as zeros. */
	check_int("seek past end", lseek(fd, 100, SEEK_SET), 100);
	check_int("write past end", write(fd, "Z", 1), 1);
	check_int("size after hole", size_of("f"), 101);
	memset(buf, 0xff, sizeof(buf));
	check_int("read hole", pread(fd, buf, 50, 40), 50);
	check_true("hole is zero", all_zero((unsigned char *)buf, 50));

	check_ok("ftruncate shrink", ftruncate(fd, 5));
	check_int("size after shrink", size_of("f"), 5);
	check_int("ftruncate keeps offset", cur(fd), 101);
	check_int("read past truncated end", read(fd, buf, sizeof(buf)), 0);
	check_ok("ftruncate grow", ftruncate(fd, 8192));
	check_int("size after grow", size_of("f"), 8192);
	memset(buf, 0xff, sizeof(buf));
	check_int("read grown tail", pread(fd, buf, sizeof(buf), 4000), sizeof(buf));
	check_true("grown tail is zero", all_zero((unsigned char *)buf, sizeof(buf)));
	check_ok("truncate by path", truncate("f", 12));
	check_int("size after truncate", size_of("f"), 12);
	check_errno("ftruncate negative", ftruncate(fd, -1), EINVAL);
	check_ok("fsync", fsync(fd));
	check_ok("fdatasync", fdatasync(fd));
	close(fd);
	check_content("final content", "f", "aELLO\0\0\0\0\0\0\0", 12);
}

static void stat_family(void)
{
	struct stat st, st2;
	struct abi_statx sx;
	char buf[64];
	int fd, dirfd;

	check_ok("stat", stat("f", &st));
	check_int("stat size", st.st_size, 12);
	check_true("stat is regular", S_ISREG(st.st_mode));
	check_ok("symlink", symlink("f", "lf"));
	check_ok("lstat", lstat("lf", &st));
	check_true("lstat is symlink", S_ISLNK(st.st_mode));
	check_int("lstat symlink size", st.st_size, 1);
	check_ok("stat through symlink", stat("lf", &st));
	check_true("stat through symlink is regular", S_ISREG(st.st_mode));
	check_int("stat through symlink size", st.st_size, 12);
	memset(buf, 'x', sizeof(buf));
	check_int("readlink length", readlink("lf", buf, sizeof(buf)), 1);
	check_true("readlink content, no NUL", buf[0] == 'f' && buf[1] == 'x');
	check_errno("readlink zero buffer", syscall(SYS_readlink, "lf", buf, 0), EINVAL);
	check_errno("readlink on regular file", readlink("f", buf, sizeof(buf)), EINVAL);
	check_ok("symlink to long target", symlink("a/b/c/d/e/f/g", "lg"));
	check_int("readlink long target", readlink("lg", buf, sizeof(buf)), 13);
	check_mem("readlink long content", buf, "a/b/c/d/e/f/g", 13);
	check_int("readlink short buffer", readlink("lg", buf, 4), 4);

	check_ok("fstatat nofollow", fstatat(AT_FDCWD, "lf", &st, AT_SYMLINK_NOFOLLOW));
	check_true("fstatat nofollow is symlink", S_ISLNK(st.st_mode));
	dirfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_ok("open dot", dirfd);
	check_ok("fstatat dirfd", fstatat(dirfd, "f", &st, 0));
	check_int("fstatat dirfd size", st.st_size, 12);
	fd = openat(dirfd, "f", O_RDONLY | O_CLOEXEC);
	check_ok("openat dirfd", fd);
	check_ok("fstatat empty path", fstatat(fd, "", &st2, AT_EMPTY_PATH));
	check_true("fstatat empty path same file",
		   st2.st_ino == st.st_ino && st2.st_dev == st.st_dev && st2.st_size == 12);
	check_errno("fstatat empty path without flag", fstatat(fd, "", &st2, 0), ENOENT);

	/* The raw system calls, as older binaries and other libcs make them. */
	memset(&st2, 0, sizeof(st2));
	check_ok("syscall newfstatat", syscall(SYS_newfstatat, AT_FDCWD, "f", &st2, 0));
	check_true("syscall newfstatat same", st2.st_ino == st.st_ino && st2.st_size == 12);
	memset(&st2, 0, sizeof(st2));
	check_ok("syscall stat", syscall(SYS_stat, "f", &st2));
	check_true("syscall stat same", st2.st_ino == st.st_ino && st2.st_size == 12);
	memset(&st2, 0, sizeof(st2));
	check_ok("syscall lstat", syscall(SYS_lstat, "lf", &st2));
	check_true("syscall lstat is symlink", S_ISLNK(st2.st_mode) && st2.st_size == 1);
	memset(&st2, 0, sizeof(st2));
	check_ok("syscall fstat", syscall(SYS_fstat, fd, &st2));
	check_true("syscall fstat same", st2.st_ino == st.st_ino && st2.st_size == 12);

	memset(&sx, 0, sizeof(sx));
	check_ok("statx", syscall(SYS_statx, AT_FDCWD, "f", 0, ABI_STATX_BASIC_STATS, &sx));
	check_true("statx mask", (sx.mask & (ABI_STATX_TYPE | ABI_STATX_MODE | ABI_STATX_SIZE)) ==
					 (ABI_STATX_TYPE | ABI_STATX_MODE | ABI_STATX_SIZE));
	check_int("statx size", sx.size, 12);
	check_true("statx is regular", S_ISREG(sx.mode));
	check_true("statx same as stat", sx.ino == st.st_ino && sx.nlink == st.st_nlink &&
						 sx.mtime.tv_sec == st.st_mtim.tv_sec &&
						 sx.mtime.tv_nsec == st.st_mtim.tv_nsec);
	memset(&sx, 0, sizeof(sx));
	check_ok("statx nofollow", syscall(SYS_statx, AT_FDCWD, "lf", AT_SYMLINK_NOFOLLOW,
					   ABI_STATX_BASIC_STATS, &sx));
	check_true("statx nofollow is symlink", S_ISLNK(sx.mode));
	check_ok("statx empty path",
		 syscall(SYS_statx, fd, "", AT_EMPTY_PATH, ABI_STATX_SIZE, &sx));
	check_int("statx empty path size", sx.size, 12);
	close(fd);
	close(dirfd);
	unlink("lg");
	unlink("lf");
}

static void names(void)
{
	struct stat st;

	check_ok("rename", rename("f", "g"));
	check_errno("old name gone", stat("f", &st), ENOENT);
	check_int("new name size", size_of("g"), 12);
	make_file("h", "x", 1);
	check_ok("rename over existing", rename("g", "h"));
	check_int("rename replaced target", size_of("h"), 12);
	check_errno("rename missing", rename("g", "i"), ENOENT);

	check_ok("link", link("h", "k"));
	check_ok("stat link", stat("k", &st));
	check_int("nlink after link", st.st_nlink, 2);
	check_errno("link onto existing", link("h", "k"), EEXIST);
	check_ok("unlink", unlink("h"));
	check_ok("stat after unlink", stat("k", &st));
	check_int("nlink after unlink", st.st_nlink, 1);
	check_content("content through link", "k", "aELLO\0\0\0\0\0\0\0", 12);
	check_errno("unlink missing", unlink("h"), ENOENT);
	check_ok("symlink dangling", symlink("nowhere", "dangle"));
	check_errno("stat dangling", stat("dangle", &st), ENOENT);
	check_ok("lstat dangling", lstat("dangle", &st));
	check_errno("symlink onto existing", symlink("k", "dangle"), EEXIST);
	check_ok("unlink symlink", unlink("dangle"));
	check_errno("symlink gone", lstat("dangle", &st), ENOENT);
}

static void attributes(void)
{
	struct timespec ts[2];
	struct stat st;
	int fd, pfd;

	check_ok("chmod accepted", chmod("k", 0600));
	check_ok("stat after chmod", stat("k", &st));
	check_int("chmod mode", st.st_mode & 07777, 0600);
	check_true("chmod keeps type", S_ISREG(st.st_mode));
	fd = open("k", O_RDONLY | O_CLOEXEC);
	check_ok("fchmod accepted", fchmod(fd, 0644));
	check_ok("fstat after fchmod", fstat(fd, &st));
	check_int("fchmod mode", st.st_mode & 07777, 0644);
	check_ok("fchmodat accepted", fchmodat(AT_FDCWD, "k", 0640, 0));
	pfd = open("k", O_PATH | O_CLOEXEC);
	check_errno("fchmod O_PATH", syscall(SYS_fchmod, pfd, 0600), EBADF);
	check_errno("fchown O_PATH", syscall(SYS_fchown, pfd, -1, -1), EBADF);
	check_errno("futimens O_PATH", syscall(SYS_utimensat, pfd, NULL, NULL, 0), EBADF);
	check_ok("fchownat O_PATH with AT_EMPTY_PATH", fchownat(pfd, "", -1, -1, AT_EMPTY_PATH));
	close(pfd);
	check_ok("stat after fchmodat", stat("k", &st));
	check_int("fchmodat mode", st.st_mode & 07777, 0640);

	ts[0] = (struct timespec){.tv_sec = 1000000000, .tv_nsec = 500};
	ts[1] = (struct timespec){.tv_sec = 1234567890, .tv_nsec = 250000000};
	check_ok("utimensat", utimensat(AT_FDCWD, "k", ts, 0));
	check_ok("stat after utimensat", stat("k", &st));
	check_true("utimensat atime", st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 500);
	check_true("utimensat mtime",
		   st.st_mtim.tv_sec == 1234567890 && st.st_mtim.tv_nsec == 250000000);
	ts[0] = (struct timespec){.tv_nsec = UTIME_OMIT};
	ts[1] = (struct timespec){.tv_sec = 1500000000, .tv_nsec = 0};
	check_ok("utimensat omit", utimensat(AT_FDCWD, "k", ts, 0));
	check_ok("stat after omit", stat("k", &st));
	check_true("utimensat omit keeps atime", st.st_atim.tv_sec == 1000000000);
	check_true("utimensat omit sets mtime", st.st_mtim.tv_sec == 1500000000);
	check_ok("futimens now", futimens(fd, NULL));
	check_ok("fstat after futimens", fstat(fd, &st));
	/* 2020-01-01: "now" on any machine running this. */
	check_true("futimens now is recent", st.st_mtim.tv_sec > 1577836800);
	ts[0] = (struct timespec){.tv_nsec = 1000000000};
	check_errno("utimensat bad nsec", utimensat(AT_FDCWD, "k", ts, 0), EINVAL);
	close(fd);

	check_ok("access F_OK", access("k", F_OK));
	check_ok("access R_OK|W_OK", access("k", R_OK | W_OK));
	check_errno("access missing", access("missing", F_OK), ENOENT);
	check_errno("access bad mode", access("k", 0100), EINVAL);
	check_ok("faccessat", faccessat(AT_FDCWD, "k", R_OK, 0));
	check_errno("faccessat missing", faccessat(AT_FDCWD, "missing", R_OK, 0), ENOENT);
}

#define ABI_RWF_HIPRI	 0x01
#define ABI_RWF_DSYNC	 0x02
#define ABI_RWF_SYNC	 0x04
#define ABI_RWF_NOWAIT	 0x08
#define ABI_RWF_APPEND	 0x10
#define ABI_RWF_NOAPPEND 0x20

static long rwv2(int nr, int fd, struct iovec *iov, int n, long pos, int flags)
{
	return syscall(nr, fd, iov, n, pos, 0L, flags);
}

/* preadv2/pwritev2, raw: offset -1 means the file position; flags per call. */
static void vectored2(void)
{
	char a[4] = "", b[4] = "";
	struct iovec w[2] = {{"abcd", 4}, {"efgh", 4}}, r[2] = {{a, 4}, {b, 4}};
	int fd = open("v", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), afd, p[2];

	check_int("pwritev2 at offset", rwv2(SYS_pwritev2, fd, w, 2, 2, 0), 8);
	check_int("pwritev2 at offset keeps position", cur(fd), 0);
	check_int("pwritev2 at -1", rwv2(SYS_pwritev2, fd, w, 1, -1, 0), 4);
	check_int("pwritev2 at -1 moves position", cur(fd), 4);
	check_content("pwritev2 content", "v", "abcdcdefgh", 10);
	check_int("preadv2 at offset", rwv2(SYS_preadv2, fd, r, 2, 2, ABI_RWF_HIPRI), 8);
	check_true("preadv2 data", !memcmp(a, "cdcd", 4) && !memcmp(b, "efgh", 4));
	check_int("preadv2 at offset keeps position", cur(fd), 4);
	check_int("preadv2 at -1", rwv2(SYS_preadv2, fd, r, 1, -1, 0), 4);
	check_int("preadv2 at -1 moves position", cur(fd), 8);
	check_true("preadv2 at -1 data", !memcmp(a, "cdef", 4));
	check_int("preadv2 at end", rwv2(SYS_preadv2, fd, r, 2, 100, 0), 0);
	check_int("pwritev2 DSYNC|SYNC",
		  rwv2(SYS_pwritev2, fd, w, 1, 0, ABI_RWF_DSYNC | ABI_RWF_SYNC), 4);
	check_int("pwritev2 APPEND", rwv2(SYS_pwritev2, fd, w + 1, 1, 0, ABI_RWF_APPEND), 4);
	check_content("pwritev2 APPEND writes at the end", "v", "abcdcdefghefgh", 14);
	check_int("pwritev2 APPEND keeps position", cur(fd), 8);
	check_errno("preadv2 bad offset", rwv2(SYS_preadv2, fd, r, 1, -2, 0), EINVAL);
	check_errno("pwritev2 bad offset", rwv2(SYS_pwritev2, fd, w, 1, -2, 0), EINVAL);
	check_errno("preadv2 unknown flag", rwv2(SYS_preadv2, fd, r, 1, 0, 0x10000), EOPNOTSUPP);
	check_errno("pwritev2 unknown flag", rwv2(SYS_pwritev2, fd, w, 1, 0, 0x10000), EOPNOTSUPP);
	check_int("preadv2 unknown flag, nothing to read", rwv2(SYS_preadv2, fd, r, 0, 0, 0x10000),
		  0);
	check_errno("preadv2 bad fd", rwv2(SYS_preadv2, 77, r, 1, 0, 0), EBADF);
	check_errno("preadv2 bad iovec", rwv2(SYS_preadv2, fd, (void *)8, 1, 0, 0), EFAULT);
	check_errno("preadv2 too many iovecs", rwv2(SYS_preadv2, fd, r, 1025, 0, 0), EINVAL);
	close(fd);

	afd = open("v", O_WRONLY | O_APPEND | O_CLOEXEC);
	check_int("pwritev2 NOAPPEND on O_APPEND",
		  rwv2(SYS_pwritev2, afd, w, 1, 0, ABI_RWF_NOAPPEND), 4);
	check_content("pwritev2 NOAPPEND writes at the offset", "v", "abcdcdefghefgh", 14);
	check_int("pwritev2 O_APPEND at -1", rwv2(SYS_pwritev2, afd, w, 1, -1, 0), 4);
	check_int("O_APPEND size", size_of("v"), 18);
	close(afd);

	check_ok("pipe for preadv2", pipe2(p, O_CLOEXEC));
	check_errno("preadv2 NOWAIT on an empty pipe",
		    rwv2(SYS_preadv2, p[0], r, 1, -1, ABI_RWF_NOWAIT), EAGAIN);
	check_int("pwritev2 pipe", rwv2(SYS_pwritev2, p[1], w, 1, -1, ABI_RWF_NOWAIT), 4);
	check_int("preadv2 NOWAIT with data", rwv2(SYS_preadv2, p[0], r, 1, -1, ABI_RWF_NOWAIT), 4);
	check_int("NOWAIT leaves the pipe blocking", fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	check_errno("preadv2 pipe at an offset", rwv2(SYS_preadv2, p[0], r, 1, 0, 0), ESPIPE);
	close(p[0]);
	close(p[1]);
	check_ok("unlink v", unlink("v"));
}

static int times_are(const char *path, long atime, long mtime)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_atime == atime && st.st_mtime == mtime;
}

/* utime (seconds), utimes and futimesat (microseconds): raw, as libcs may use utimensat. */
static void old_times(void)
{
	struct utimbuf ub = {.actime = 1000000000, .modtime = 1100000000};
	struct timeval tv[2] = {{1200000000, 500000}, {1300000000, 999999}};
	struct stat st;
	int dfd;

	make_file("t", "t", 1);
	check_ok("utime", syscall(SYS_utime, "t", &ub));
	check_true("utime sets both", times_are("t", 1000000000, 1100000000));
	check_ok("stat after utime", stat("t", &st));
	check_true("utime whole seconds", st.st_atim.tv_nsec == 0 && st.st_mtim.tv_nsec == 0);
	check_ok("utime now", syscall(SYS_utime, "t", NULL));
	check_ok("stat after utime now", stat("t", &st));
	check_true("utime now is recent", st.st_mtime > 1577836800 && st.st_atime > 1577836800);
	check_errno("utime missing", syscall(SYS_utime, "missing", &ub), ENOENT);
	check_errno("utime bad times", syscall(SYS_utime, "t", (void *)8), EFAULT);

	check_ok("utimes", syscall(SYS_utimes, "t", tv));
	check_ok("stat after utimes", stat("t", &st));
	check_true("utimes microseconds",
		   st.st_atim.tv_sec == 1200000000 && st.st_atim.tv_nsec == 500000000 &&
			   st.st_mtim.tv_sec == 1300000000 && st.st_mtim.tv_nsec == 999999000);
	tv[1].tv_usec = 1000000;
	check_errno("utimes bad microseconds", syscall(SYS_utimes, "t", tv), EINVAL);
	tv[1].tv_usec = -1;
	check_errno("utimes negative microseconds", syscall(SYS_utimes, "t", tv), EINVAL);
	check_errno("utimes checks microseconds first", syscall(SYS_utimes, "missing", tv), EINVAL);
	check_ok("utimes now", syscall(SYS_utimes, "t", NULL));

	dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	tv[1].tv_usec = 0;
	check_ok("futimesat", syscall(SYS_futimesat, dfd, "t", tv));
	check_true("futimesat sets both", times_are("t", 1200000000, 1300000000));
	tv[0].tv_sec = 1400000000;
	check_ok("futimesat AT_FDCWD", syscall(SYS_futimesat, AT_FDCWD, "t", tv));
	check_true("futimesat AT_FDCWD sets", times_are("t", 1400000000, 1300000000));
	check_errno("futimesat bad dirfd", syscall(SYS_futimesat, 77, "t", tv), EBADF);
	check_errno("futimesat missing", syscall(SYS_futimesat, dfd, "missing", tv), ENOENT);
	close(dfd);
	dfd = open("t", O_RDONLY | O_CLOEXEC);
	tv[0].tv_sec = 1500000000;
	/* No path: the descriptor's own file, as futimes. */
	check_ok("futimesat NULL path", syscall(SYS_futimesat, dfd, NULL, tv));
	check_true("futimesat NULL path sets", times_are("t", 1500000000, 1300000000));
	check_errno("futimesat NULL path AT_FDCWD", syscall(SYS_futimesat, AT_FDCWD, NULL, tv),
		    EFAULT);
	close(dfd);
	check_ok("unlink t", unlink("t"));
}

/* Hints about file data: checked as Linux checks them, then nothing to do in memory. */
static void hints(void)
{
	int fd, wfd, p[2];

	make_file("h", "hint", 4);
	fd = open("h", O_RDONLY | O_CLOEXEC);
	wfd = open("h", O_WRONLY | O_CLOEXEC);
	check_ok("pipe for hints", pipe2(p, O_CLOEXEC));

	check_ok("readahead", syscall(SYS_readahead, fd, 0L, 4096UL));
	check_ok("readahead past end", syscall(SYS_readahead, fd, 1L << 20, 4096UL));
	check_errno("readahead write-only", syscall(SYS_readahead, wfd, 0L, 4096UL), EBADF);
	check_errno("readahead pipe", syscall(SYS_readahead, p[0], 0L, 4096UL), EINVAL);
	check_errno("readahead bad fd", syscall(SYS_readahead, 77, 0L, 4096UL), EBADF);

	check_ok("fadvise64 SEQUENTIAL", syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_SEQUENTIAL));
	check_ok("fadvise64 DONTNEED", syscall(SYS_fadvise64, fd, 0L, 4L, POSIX_FADV_DONTNEED));
	check_ok("fadvise64 write-only", syscall(SYS_fadvise64, wfd, 0L, 4L, POSIX_FADV_WILLNEED));
	check_int("posix_fadvise NOREUSE", posix_fadvise(fd, 0, 0, POSIX_FADV_NOREUSE), 0);
	check_errno("fadvise64 bad advice", syscall(SYS_fadvise64, fd, 0L, 0L, 42), EINVAL);
	check_errno("fadvise64 negative length", syscall(SYS_fadvise64, fd, 0L, -1L, 0), EINVAL);
	check_errno("fadvise64 pipe", syscall(SYS_fadvise64, p[0], 0L, 0L, 42), ESPIPE);
	check_errno("fadvise64 bad fd", syscall(SYS_fadvise64, 77, 0L, 0L, 0), EBADF);

	check_ok("sync_file_range", syscall(SYS_sync_file_range, wfd, 0L, 0L, 7U));
	check_ok("sync_file_range read-only", syscall(SYS_sync_file_range, fd, 0L, 4L, 2U));
	check_errno("sync_file_range bad flags", syscall(SYS_sync_file_range, fd, 0L, 0L, 8U),
		    EINVAL);
	check_errno("sync_file_range negative offset",
		    syscall(SYS_sync_file_range, fd, -1L, 0L, 0U), EINVAL);
	check_errno("sync_file_range end wraps",
		    syscall(SYS_sync_file_range, fd, 1L, 0x7fffffffffffffffL, 0U), EINVAL);
	check_errno("sync_file_range pipe", syscall(SYS_sync_file_range, p[1], 0L, 0L, 0U), ESPIPE);
	check_errno("sync_file_range bad fd", syscall(SYS_sync_file_range, 77, 0L, 0L, 0U), EBADF);
	close(p[0]);
	close(p[1]);
	close(wfd);
	close(fd);
	check_ok("unlink h", unlink("h"));
}

static void owners(void)
{
	struct stat st;
	uid_t uid;
	gid_t gid;
	int fd;

	/* The same owner again, or -1 (no change): allowed for anyone, changes nothing. */
	check_ok("stat before chown", stat("k", &st));
	uid = st.st_uid;
	gid = st.st_gid;
	check_ok("chown no change", syscall(SYS_chown, "k", -1, -1));
	check_ok("chown to current owner", syscall(SYS_chown, "k", uid, gid));
	check_ok("stat after chown", stat("k", &st));
	check_true("chown keeps owner", st.st_uid == uid && st.st_gid == gid);
	check_errno("chown missing", syscall(SYS_chown, "missing", -1, -1), ENOENT);
	check_ok("symlink for lchown", symlink("nowhere", "dl"));
	check_errno("chown follows dangling symlink", syscall(SYS_chown, "dl", -1, -1), ENOENT);
	check_ok("lchown dangling symlink", syscall(SYS_lchown, "dl", -1, -1));
	check_errno("lchown missing", syscall(SYS_lchown, "missing", -1, -1), ENOENT);
	fd = open("k", O_RDONLY | O_CLOEXEC);
	check_ok("fchown", syscall(SYS_fchown, fd, uid, gid));
	check_errno("fchown bad fd", syscall(SYS_fchown, 77, -1, -1), EBADF);
	check_ok("fchownat nofollow",
		 syscall(SYS_fchownat, AT_FDCWD, "dl", -1, -1, AT_SYMLINK_NOFOLLOW));
	check_errno("fchownat follows", syscall(SYS_fchownat, AT_FDCWD, "dl", -1, -1, 0), ENOENT);
	check_ok("fchownat empty path", syscall(SYS_fchownat, fd, "", uid, gid, AT_EMPTY_PATH));
	check_errno("fchownat bad flags", syscall(SYS_fchownat, AT_FDCWD, "k", -1, -1, 1), EINVAL);

	/* Root gives files away (in the scratch directory only); others may not. */
	if (geteuid() == 0) {
		check_ok("chown other owner", syscall(SYS_chown, "k", 4321, 4322));
		check_true("chown sets owner",
			   stat("k", &st) == 0 && st.st_uid == 4321 && st.st_gid == 4322);
		check_ok("chown group only", syscall(SYS_chown, "k", -1, 4323));
		check_true("chown -1 keeps uid",
			   fstat(fd, &st) == 0 && st.st_uid == 4321 && st.st_gid == 4323);
		check_ok("fchown back", syscall(SYS_fchown, fd, uid, gid));
		check_true("fchown sets owner",
			   stat("k", &st) == 0 && st.st_uid == uid && st.st_gid == gid);
		check_ok("lchown other owner", syscall(SYS_lchown, "dl", 4321, 4322));
		check_true("lchown sets the link's owner",
			   lstat("dl", &st) == 0 && st.st_uid == 4321 && st.st_gid == 4322);
		check_true("lchown leaves the file", stat("k", &st) == 0 && st.st_uid == uid);
	} else {
		check_true("chown other owner", 1);
		check_true("chown sets owner", 1);
		check_true("chown group only", 1);
		check_true("chown -1 keeps uid", 1);
		check_true("fchown back", 1);
		check_true("fchown sets owner", 1);
		check_true("lchown other owner", 1);
		check_true("lchown sets the link's owner", 1);
		check_true("lchown leaves the file", 1);
	}
	close(fd);
	unlink("dl");
}

static void space(void)
{
	static unsigned char buf[8192];
	struct stat st;
	int fd, ro, p[2];

	fd = open("fa", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	check_ok("open for fallocate", fd);
	check_ok("fallocate", syscall(SYS_fallocate, fd, 0, 0L, 8192L));
	check_true("fallocate grows", fstat(fd, &st) == 0 && st.st_size == 8192);
	memset(buf, 0xff, sizeof(buf));
	check_int("read fallocated", pread(fd, buf, sizeof(buf), 0), 8192);
	check_true("fallocated space is zero", all_zero(buf, sizeof(buf)));
	check_int("offset after fallocate", cur(fd), 0);
	check_ok("fallocate keep size",
		 syscall(SYS_fallocate, fd, ABI_FALLOC_FL_KEEP_SIZE, 8192L, 8192L));
	check_true("fallocate keep size keeps size", fstat(fd, &st) == 0 && st.st_size == 8192);
	check_int("write before fallocate", pwrite(fd, "abc", 3, 0), 3);
	check_ok("fallocate inside", syscall(SYS_fallocate, fd, 0, 1L, 100L));
	check_true("fallocate inside keeps size", fstat(fd, &st) == 0 && st.st_size == 8192);
	memset(buf, 0xff, 4);
	check_int("read after fallocate inside", pread(fd, buf, 4, 0), 4);
	check_mem("fallocate keeps data", buf, "abc", 4);
	check_errno("fallocate zero length", syscall(SYS_fallocate, fd, 0, 0L, 0L), EINVAL);
	check_errno("fallocate negative offset", syscall(SYS_fallocate, fd, 0, -1L, 10L), EINVAL);
	check_errno("fallocate bad fd", syscall(SYS_fallocate, 77, 0, 0L, 10L), EBADF);
	ro = open("fa", O_RDONLY | O_CLOEXEC);
	check_errno("fallocate read-only fd", syscall(SYS_fallocate, ro, 0, 0L, 10L), EBADF);
	check_ok("pipe for fallocate", pipe2(p, O_CLOEXEC));
	check_errno("fallocate pipe", syscall(SYS_fallocate, p[1], 0, 0L, 10L), ESPIPE);
	close(p[0]);
	close(p[1]);
	close(ro);
	close(fd);
	unlink("fa");
}

static int lowest_free_fd(void)
{
	int i;

	for (i = 0; fcntl(i, F_GETFD) != -1; i++)
		;
	return i;
}

static void descriptors(void)
{
	int fd, d, want, fl;
	char c;

	fd = open("k", O_RDONLY);
	check_ok("open for dup", fd);
	check_int("open without O_CLOEXEC", fcntl(fd, F_GETFD), 0);
	want = lowest_free_fd();
	d = dup(fd);
	check_int("dup lowest free", d, want);
	check_int("dup shares offset", lseek(fd, 3, SEEK_SET) == 3 ? cur(d) : -1, 3);
	check_int("dup read shares offset", read(d, &c, 1), 1);
	check_int("dup offset moved", cur(fd), 4);
	check_true("dup shares content", c == 'L');
	check_int("dup2", dup2(fd, 50), 50);
	check_int("dup2 no cloexec", fcntl(50, F_GETFD), 0);
	check_int("dup2 over open fd", dup2(d, 50), 50);
	check_int("dup2 same fd", dup2(fd, fd), fd);
	check_errno("dup2 bad fd", dup2(77, 78), EBADF);
	check_errno("dup bad fd", dup(77), EBADF);
	check_int("dup3 cloexec", dup3(fd, 51, O_CLOEXEC), 51);
	check_int("dup3 sets FD_CLOEXEC", fcntl(51, F_GETFD), FD_CLOEXEC);
	/* Raw calls: musl's dup3() makes dup2 of flags without O_CLOEXEC. */
	check_errno("dup3 same fd", syscall(SYS_dup3, fd, fd, 0), EINVAL);
	check_errno("dup3 bad flags", syscall(SYS_dup3, fd, 52, O_APPEND), EINVAL);
	check_int("F_DUPFD min", fcntl(fd, F_DUPFD, 100), 100);
	check_int("F_DUPFD next", fcntl(fd, F_DUPFD, 100), 101);
	check_int("F_DUPFD_CLOEXEC", fcntl(fd, F_DUPFD_CLOEXEC, 100), 102);
	check_int("F_DUPFD_CLOEXEC flag", fcntl(102, F_GETFD), FD_CLOEXEC);
	check_int("F_DUPFD no cloexec", fcntl(101, F_GETFD), 0);
	check_ok("F_SETFD", fcntl(fd, F_SETFD, FD_CLOEXEC));
	check_int("F_GETFD after set", fcntl(fd, F_GETFD), FD_CLOEXEC);
	check_int("F_SETFD not shared by dup", fcntl(d, F_GETFD), 0);
	check_ok("F_SETFD clear", fcntl(fd, F_SETFD, 0));
	check_int("F_GETFD after clear", fcntl(fd, F_GETFD), 0);
	check_int("F_GETFL read-only", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	check_ok("F_SETFL", fcntl(fd, F_SETFL, O_NONBLOCK | O_WRONLY));
	fl = fcntl(fd, F_GETFL);
	check_true("F_SETFL sets O_NONBLOCK", fl & O_NONBLOCK);
	check_int("F_SETFL keeps access mode", fl & O_ACCMODE, O_RDONLY);
	check_true("F_SETFL shared by dup", fcntl(d, F_GETFL) & O_NONBLOCK);
	check_errno("fcntl bad fd", fcntl(77, F_GETFL), EBADF);
	check_errno("fcntl bad cmd", fcntl(fd, 9999), EINVAL);
	for (d = 0; d < 110; d++)
		if (d > 2)
			close(d);
	check_int("closed all", lowest_free_fd(), 3);
	check_errno("close closed", close(50), EBADF);
}

static void open_flags(void)
{
	struct stat st;
	int fd, fd2;
	char buf[8];

	fd = open("a", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	check_ok("open O_APPEND", fd);
	check_int("O_CLOEXEC sets FD_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	check_true("F_GETFL O_APPEND", fcntl(fd, F_GETFL) & O_APPEND);
	check_int("append write", write(fd, "12", 2), 2);
	check_int("append lseek", lseek(fd, 0, SEEK_SET), 0);
	check_int("append write after lseek", write(fd, "34", 2), 2);
	check_int("append offset at end", cur(fd), 4);
	close(fd);
	check_content("O_APPEND content", "a", "1234", 4);

	fd = open("a", O_WRONLY | O_CLOEXEC);
	check_ok("F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
	check_int("F_SETFL append write", write(fd, "5", 1), 1);
	close(fd);
	check_content("F_SETFL O_APPEND content", "a", "12345", 5);

	fd = open("a", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	check_int("O_CREAT existing keeps content", read(fd, buf, sizeof(buf)), 5);
	close(fd);
	fd = open("a", O_RDWR | O_TRUNC | O_CLOEXEC);
	check_ok("open O_TRUNC", fd);
	check_ok("fstat O_TRUNC", fstat(fd, &st));
	check_int("O_TRUNC size", st.st_size, 0);
	close(fd);

	check_errno("O_EXCL existing", open("a", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = open("b", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	check_ok("O_EXCL new", fd);
	close(fd);
	check_ok("symlink for O_EXCL", symlink("nowhere", "ls"));
	check_errno("O_EXCL dangling symlink", open("ls", O_WRONLY | O_CREAT | O_EXCL, 0644),
		    EEXIST);
	fd = open("ls", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	check_ok("O_CREAT through dangling symlink", fd);
	close(fd);
	check_int("created symlink target", size_of("nowhere"), 0);
	check_errno("O_NOFOLLOW symlink", open("ls", O_RDONLY | O_NOFOLLOW), ELOOP);
	check_errno("O_DIRECTORY on file", open("a", O_RDONLY | O_DIRECTORY), ENOTDIR);
	check_errno("open missing", open("missing", O_RDONLY), ENOENT);
	check_errno("open empty path", open("", O_RDONLY), ENOENT);
	fd = open("a", O_RDONLY | O_CLOEXEC);
	check_errno("write on read-only fd", write(fd, "x", 1), EBADF);
	fd2 = openat(AT_FDCWD, "a", O_WRONLY | O_CLOEXEC);
	check_ok("openat AT_FDCWD", fd2);
	close(fd2);
	close(fd);
	unlink("ls");
	unlink("nowhere");
}

static void copies(void)
{
	static unsigned char data[10000], buf[10000];
	off_t off;
	int64_t in_off, out_off;
	size_t i;
	int in, out;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + i / 256);
	make_file("src", data, sizeof(data));
	in = open("src", O_RDONLY | O_CLOEXEC);
	out = open("dst", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	check_int("sendfile count", sendfile(out, in, NULL, sizeof(data)), sizeof(data));
	check_int("sendfile moves in offset", cur(in), sizeof(data));
	check_int("sendfile moves out offset", cur(out), sizeof(data));
	check_content("sendfile content", "dst", data, sizeof(data));
	off = 100;
	check_int("sendfile offset count", sendfile(out, in, &off, 50), 50);
	check_int("sendfile updates offset", off, 150);
	check_int("sendfile offset keeps position", cur(in), sizeof(data));
	check_int("sendfile at eof", sendfile(out, in, NULL, 10), 0);
	close(out);
	check_int("sendfile appended", size_of("dst"), sizeof(data) + 50);

	out = open("cfr", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	in_off = 1000;
	out_off = 0;
	check_int("copy_file_range count",
		  syscall(SYS_copy_file_range, in, &in_off, out, &out_off, 3000, 0), 3000);
	check_int("copy_file_range in offset", in_off, 4000);
	check_int("copy_file_range out offset", out_off, 3000);
	check_int("copy_file_range keeps position", cur(out), 0);
	memset(buf, 0, sizeof(buf));
	check_int("copy_file_range read", pread(out, buf, sizeof(buf), 0), 3000);
	check_mem("copy_file_range content", buf, data + 1000, 3000);
	check_int("copy_file_range positions", lseek(in, 9000, SEEK_SET), 9000);
	check_int("copy_file_range by position",
		  syscall(SYS_copy_file_range, in, NULL, out, NULL, 5000, 0), 1000);
	check_int("copy_file_range moved position", cur(out), 1000);
	check_errno("copy_file_range flags",
		    syscall(SYS_copy_file_range, in, NULL, out, NULL, 10, 1), EINVAL);
	close(out);
	close(in);
}

/* flock locks belong to the open file description: two open()s conflict, dups do not. */
static void locks(void)
{
	int a, b, d;

	a = open("k", O_RDONLY | O_CLOEXEC);
	b = open("k", O_RDONLY | O_CLOEXEC);
	check_ok("flock exclusive", flock(a, LOCK_EX));
	check_errno("flock exclusive conflicts", flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	check_errno("flock shared conflicts with exclusive", flock(b, LOCK_SH | LOCK_NB),
		    EWOULDBLOCK);
	d = dup(a);
	check_ok("flock through dup", flock(d, LOCK_EX | LOCK_NB));
	check_ok("flock convert to shared", flock(a, LOCK_SH));
	check_ok("flock shared with shared", flock(b, LOCK_SH | LOCK_NB));
	check_errno("flock exclusive over shared", flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	check_ok("flock unlock", flock(a, LOCK_UN));
	check_ok("flock exclusive after unlock", flock(b, LOCK_EX | LOCK_NB));
	check_errno("flock other side conflicts", flock(a, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	close(b);
	check_ok("flock released by close", flock(a, LOCK_EX | LOCK_NB));
	check_ok("flock unlock through dup", flock(d, LOCK_UN));
	check_ok("flock unlock when unlocked", flock(d, LOCK_UN));
	check_errno("flock no operation", flock(a, 0), EINVAL);
	check_errno("flock LOCK_NB alone", flock(a, LOCK_NB), EINVAL);
	check_errno("flock shared and exclusive", flock(a, LOCK_SH | LOCK_EX), EINVAL);
	check_errno("flock bad fd", flock(77, LOCK_SH), EBADF);
	close(d);
	close(a);
}

static void fs_info(void)
{
	struct statfs a, b;
	int fd;

	check_ok("statfs", statfs(".", &a));
	check_true("statfs counts consistent", a.f_bsize > 0 && a.f_blocks >= a.f_bfree &&
						       a.f_bfree >= a.f_bavail && a.f_namelen > 0);
	fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	memset(&b, 0, sizeof(b));
	check_ok("fstatfs", fstatfs(fd, &b));
	check_true("fstatfs agrees with statfs",
		   a.f_type == b.f_type && a.f_bsize == b.f_bsize && a.f_namelen == b.f_namelen &&
			   memcmp(&a.f_fsid, &b.f_fsid, sizeof(a.f_fsid)) == 0);
	close(fd);
	memset(&b, 0, sizeof(b));
	check_ok("statfs of a file", statfs("k", &b));
	check_true("statfs of a file same fs", a.f_type == b.f_type);
	check_errno("statfs missing", statfs("missing", &b), ENOENT);
	check_errno("fstatfs bad fd", fstatfs(77, &b), EBADF);
	check_ok("statfs /proc", statfs("/proc", &b));
	check_int("statfs /proc is procfs", b.f_type, ABI_PROC_SUPER_MAGIC);
}

/* The *at forms, relative to a directory descriptor; raw calls, as libcs pick variants. */
static void at_names(void)
{
	struct stat st;
	char buf[64];
	int dfd, fd;

	check_ok("mkdir for *at", mkdir("sub", 0755));
	dfd = open("sub", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_ok("open dir for *at", dfd);
	fd = open("k", O_RDONLY | O_CLOEXEC);
	make_file("sub/x", "xyz", 3);

	check_ok("renameat", syscall(SYS_renameat, dfd, "x", AT_FDCWD, "y"));
	check_errno("renameat old name gone", fstatat(dfd, "x", &st, 0), ENOENT);
	check_int("renameat new name", size_of("y"), 3);
	check_ok("renameat back", syscall(SYS_renameat, AT_FDCWD, "y", dfd, "x"));
	check_int("renameat back size", size_of("sub/x"), 3);
	check_errno("renameat missing", syscall(SYS_renameat, dfd, "nope", dfd, "x2"), ENOENT);
	check_errno("renameat dirfd not a directory", syscall(SYS_renameat, fd, "x", dfd, "x2"),
		    ENOTDIR);

	check_ok("renameat2 noreplace to new name",
		 syscall(SYS_renameat2, dfd, "x", dfd, "z", ABI_RENAME_NOREPLACE));
	make_file("sub/w", "w", 1);
	check_errno("renameat2 noreplace existing",
		    syscall(SYS_renameat2, dfd, "z", dfd, "w", ABI_RENAME_NOREPLACE), EEXIST);
	check_true("renameat2 noreplace kept both", size_of("sub/w") == 1 && size_of("sub/z") == 3);
	check_ok("renameat2 no flags replaces", syscall(SYS_renameat2, dfd, "z", dfd, "w", 0));
	check_true("renameat2 replaced", size_of("sub/w") == 3 && size_of("sub/z") == -1);
	check_errno("renameat2 bad flags", syscall(SYS_renameat2, dfd, "w", dfd, "v", 8), EINVAL);
	check_errno("renameat2 noreplace and exchange",
		    syscall(SYS_renameat2, dfd, "w", dfd, "v", ABI_RENAME_NOREPLACE | 2), EINVAL);

	check_ok("linkat", syscall(SYS_linkat, dfd, "w", AT_FDCWD, "wl", 0));
	check_true("linkat nlink", stat("wl", &st) == 0 && st.st_nlink == 2 && st.st_size == 3);
	check_errno("linkat existing", syscall(SYS_linkat, dfd, "w", AT_FDCWD, "wl", 0), EEXIST);
	check_errno("linkat missing", syscall(SYS_linkat, dfd, "nope", dfd, "n", 0), ENOENT);
	check_errno("linkat bad flags", syscall(SYS_linkat, dfd, "w", dfd, "n", 1), EINVAL);
	check_errno("linkat directory", syscall(SYS_linkat, AT_FDCWD, "sub", AT_FDCWD, "sub2", 0),
		    EPERM);

	check_ok("symlinkat", syscall(SYS_symlinkat, "w", dfd, "sw"));
	check_true("symlinkat made a symlink", lstat("sub/sw", &st) == 0 && S_ISLNK(st.st_mode));
	check_ok("linkat symlink itself", syscall(SYS_linkat, dfd, "sw", dfd, "hsw", 0));
	check_true("linkat symlink is a symlink",
		   fstatat(dfd, "hsw", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
	check_ok("linkat follow", syscall(SYS_linkat, dfd, "sw", dfd, "hw", AT_SYMLINK_FOLLOW));
	check_true("linkat follow links the target",
		   fstatat(dfd, "hw", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
			   st.st_nlink == 3);
	check_errno("symlinkat existing", syscall(SYS_symlinkat, "x", dfd, "sw"), EEXIST);
	check_errno("symlinkat empty target", syscall(SYS_symlinkat, "", dfd, "e"), ENOENT);
	check_ok("symlinkat long target", syscall(SYS_symlinkat, "target/path", dfd, "sl"));

	memset(buf, 'x', sizeof(buf));
	check_int("readlinkat length", syscall(SYS_readlinkat, dfd, "sl", buf, sizeof(buf)), 11);
	check_true("readlinkat content, no NUL", !memcmp(buf, "target/path", 11) && buf[11] == 'x');
	check_int("readlinkat from cwd",
		  syscall(SYS_readlinkat, AT_FDCWD, "sub/sl", buf, sizeof(buf)), 11);
	check_int("readlinkat short buffer", syscall(SYS_readlinkat, dfd, "sl", buf, 6), 6);
	check_errno("readlinkat zero size", syscall(SYS_readlinkat, dfd, "sl", buf, 0), EINVAL);
	check_errno("readlinkat regular file", syscall(SYS_readlinkat, dfd, "w", buf, sizeof(buf)),
		    EINVAL);
	check_errno("readlinkat missing", syscall(SYS_readlinkat, dfd, "nope", buf, sizeof(buf)),
		    ENOENT);
	check_errno("readlinkat dirfd not a directory",
		    syscall(SYS_readlinkat, fd, "sl", buf, sizeof(buf)), ENOTDIR);
	close(fd);
	close(dfd);
}

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

static void flushes_and_ranges(void)
{
	int fd, i;

	fd = open("k", O_RDONLY | O_CLOEXEC);
	sync();
	check_ok("sync", syscall(SYS_sync));
	check_ok("syncfs", syscall(SYS_syncfs, fd));
	check_errno("syncfs bad fd", syscall(SYS_syncfs, 77), EBADF);

	for (i = 60; i <= 64; i++)
		dup2(fd, i);
	check_ok("close_range", syscall(SYS_close_range, 61, 62, 0));
	check_true("close_range closed the range", !is_open(61) && !is_open(62));
	check_true("close_range kept the rest", is_open(60) && is_open(63) && is_open(64));
	check_ok("close_range cloexec", syscall(SYS_close_range, 63, 64, ABI_CLOSE_RANGE_CLOEXEC));
	check_true("close_range cloexec sets the flag",
		   fcntl(63, F_GETFD) == FD_CLOEXEC && fcntl(64, F_GETFD) == FD_CLOEXEC);
	check_int("close_range cloexec leaves others", fcntl(60, F_GETFD), 0);
	check_ok("close_range nothing open", syscall(SYS_close_range, 200, 300, 0));
	check_errno("close_range first after last", syscall(SYS_close_range, 62, 61, 0), EINVAL);
	check_errno("close_range bad flags", syscall(SYS_close_range, 60, 61, 1), EINVAL);
	check_ok("close_range to the end", syscall(SYS_close_range, 60, ~0U, 0));
	check_true("close_range to the end closed all",
		   !is_open(60) && !is_open(63) && !is_open(64) && is_open(fd));
	close(fd);
}

/* A read whose buffer runs into an unmapped page stops at the page: the bytes before it count. */
static void read_to_page_end(void)
{
	char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("f", O_RDONLY);

	check_ok("open for partial read", fd);
	check_ok("guard page", mprotect(pages + 4096, 4096, PROT_NONE));
	check_int("read up to a guard page", pread(fd, pages + 4096 - 5, 10, 0), 5);
	check_mem("read up to a guard page content", pages + 4096 - 5, "aELLO", 5);
	check_errno("read from a guard page", pread(fd, pages + 4096, 10, 0), EFAULT);
	close(fd);
	munmap(pages, 8192);
}

int main(void)
{
	abi_begin("files");
	basic_io();
	read_to_page_end();
	stat_family();
	names();
	attributes();
	vectored2();
	old_times();
	hints();
	descriptors();
	open_flags();
	copies();
	owners();
	space();
	locks();
	fs_info();
	at_names();
	flushes_and_ranges();
	return abi_end();
}
