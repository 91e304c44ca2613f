// SPDX-License-Identifier: MIT
/*
 * Directories: mkdir/rmdir, listing (readdir, raw getdents64 and the old
 * getdents, sorted),
 * chdir/fchdir/getcwd, relative paths and "..", symlinks to directories in a
 * path walk, renames of directories, and the errors of path resolution.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"

#define MAX_NAMES 400

static char *names[MAX_NAMES];
static int nnames;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void reset_names(void)
{
	while (nnames)
		free(names[--nnames]);
}

static void add_name(const char *s)
{
	if (nnames < MAX_NAMES)
		names[nnames++] = strdup(s);
}

/* The collected names, sorted, as "a b c". */
static const char *joined(void)
{
	static char buf[8192];
	size_t len = 0;
	int i;

	qsort(names, nnames, sizeof(names[0]), cmp_names);
	buf[0] = 0;
	for (i = 0; i < nnames && len + strlen(names[i]) + 2 < sizeof(buf); i++)
		len += sprintf(buf + len, "%s%s", i ? " " : "", names[i]);
	return buf;
}

/* Type of NAME in directory PATH as d_type would give it. */
static int dtype_of(const char *dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (lstat(path, &st) != 0)
		return -1;
	if (S_ISDIR(st.st_mode))
		return DT_DIR;
	if (S_ISLNK(st.st_mode))
		return DT_LNK;
	if (S_ISREG(st.st_mode))
		return DT_REG;
	return DT_UNKNOWN;
}

static int list_readdir(const char *path, int *bad_type)
{
	struct dirent *de;
	DIR *d = opendir(path);
	int n = 0;

	reset_names();
	*bad_type = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		add_name(de->d_name);
		if (de->d_type != DT_UNKNOWN && de->d_type != dtype_of(path, de->d_name))
			*bad_type = 1;
		n++;
	}
	closedir(d);
	return n;
}

struct abi_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* The old layout: d_type is the record's last byte, after the name. */
struct abi_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

/*
 * List PATH with raw getdents64 calls (or the old getdents: OLD) into a
 * BUFSZ buffer; -1 on error.  *CALLS counts the calls that returned
 * entries; *BAD_TYPE is set when a record's type disagrees with lstat.
 */
static int list_dents(const char *path, size_t bufsz, int old, int *calls, int *bad_type)
{
	static _Alignas(8) char buf[4096];
	long got, pos;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int n = 0;

	reset_names();
	*calls = *bad_type = 0;
	if (fd < 0)
		return -1;
	while ((got = syscall(old ? SYS_getdents : SYS_getdents64, fd, buf, bufsz)) > 0) {
		(*calls)++;
		for (pos = 0; pos < got;) {
			struct abi_dirent64 *de64 = (struct abi_dirent64 *)(buf + pos);
			struct abi_dirent *de = (struct abi_dirent *)(buf + pos);
			unsigned short reclen = old ? de->d_reclen : de64->d_reclen;
			const char *name = old ? de->d_name : de64->d_name;
			int type = old ? buf[pos + reclen - 1] : de64->d_type;

			add_name(name);
			if (type != DT_UNKNOWN && type != dtype_of(path, name))
				*bad_type = 1;
			n++;
			if (reclen == 0 || reclen % (old ? sizeof(long) : 8)) {
				close(fd);
				return -1;
			}
			pos += reclen;
		}
	}
	close(fd);
	return got < 0 ? -1 : n;
}

static int list_getdents(const char *path, size_t bufsz, int *calls)
{
	int bad_type;

	return list_dents(path, bufsz, 0, calls, &bad_type);
}

static int list_getdents_old(const char *path, size_t bufsz, int *bad_type)
{
	int calls;

	return list_dents(path, bufsz, 1, &calls, bad_type);
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_ino == sb.st_ino &&
	       sa.st_dev == sb.st_dev;
}

static void listing(void)
{
	struct stat st;
	char path[64];
	int n, calls, bad, fd, i;
	DIR *d;
	long first;

	check_ok("mkdir", mkdir("d", 0755));
	check_ok("stat dir", stat("d", &st));
	check_true("stat dir is dir", S_ISDIR(st.st_mode));
	make_file("d/b", "b", 1);
	make_file("d/a", "a", 1);
	make_file("d/c", "c", 1);
	check_ok("mkdir sub", mkdir("d/sub", 0755));
	check_ok("symlink in dir", symlink("a", "d/ln"));

	n = list_readdir("d", &bad);
	check_int("readdir count", n, 7);
	check_str("readdir names", joined(), ". .. a b c ln sub");
	check_true("readdir d_type", !bad);
	n = list_getdents("d", 4096, &calls);
	check_int("getdents64 count", n, 7);
	check_str("getdents64 names", joined(), ". .. a b c ln sub");
	n = list_getdents("d", 40, &calls);
	check_int("getdents64 small buffer count", n, 7);
	check_str("getdents64 small buffer names", joined(), ". .. a b c ln sub");
	check_true("getdents64 small buffer needs several calls", calls >= 4);
	n = list_getdents_old("d", 4096, &bad);
	check_int("getdents count", n, 7);
	check_str("getdents names", joined(), ". .. a b c ln sub");
	check_true("getdents d_type in the last byte", !bad);
	n = list_getdents_old("d", 40, &bad);
	check_str("getdents small buffer names", joined(), ". .. a b c ln sub");

	fd = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_ok("open dir", fd);
	check_errno("getdents64 tiny buffer", syscall(SYS_getdents64, fd, path, 8), EINVAL);
	check_errno("getdents tiny buffer", syscall(SYS_getdents, fd, path, 8), EINVAL);
	check_errno("getdents bad buffer", syscall(SYS_getdents, fd, (void *)8, 4096), EFAULT);
	check_errno("getdents bad fd", syscall(SYS_getdents, 77, path, sizeof(path)), EBADF);
	first = syscall(SYS_getdents64, fd, path, sizeof(path));
	check_true("getdents64 first", first > 0);
	check_ok("lseek dir rewind", lseek(fd, 0, SEEK_SET));
	check_int("getdents64 after rewind", syscall(SYS_getdents64, fd, path, sizeof(path)),
		  first);
	close(fd);
	fd = open("d/a", O_RDONLY | O_CLOEXEC);
	check_errno("getdents64 on file", syscall(SYS_getdents64, fd, path, sizeof(path)), ENOTDIR);
	check_errno("getdents on file", syscall(SYS_getdents, fd, path, sizeof(path)), ENOTDIR);
	close(fd);

	d = opendir("d");
	for (n = 0; readdir(d); n++)
		;
	rewinddir(d);
	for (i = 0; readdir(d); i++)
		;
	closedir(d);
	check_true("rewinddir lists again", n == 7 && i == 7);

	/* Enough entries for several getdents64 calls of any libc buffer size. */
	check_ok("mkdir many", mkdir("many", 0755));
	for (i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "many/entry-with-a-longish-name-%03d", i);
		make_file(path, "", 0);
	}
	n = list_readdir("many", &bad);
	check_int("readdir 300 entries", n, 302);
	joined();
	check_true("readdir 300 entries sorted ends",
		   nnames == 302 && !strcmp(names[2], "entry-with-a-longish-name-000") &&
			   !strcmp(names[301], "entry-with-a-longish-name-299"));
	n = list_getdents("many", 512, &calls);
	check_int("getdents64 300 entries", n, 302);
	for (i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "many/entry-with-a-longish-name-%03d", i);
		if (unlink(path) != 0)
			break;
	}
	check_int("unlink 300 entries", i, 300);
	n = list_readdir("many", &bad);
	check_str("emptied dir lists dots", joined(), ". ..");
	check_ok("rmdir emptied", rmdir("many"));
	reset_names();
}

static void cwd(void)
{
	char want[PATH_MAX], buf[PATH_MAX];
	int fd;

	snprintf(want, sizeof(want), "%s/d", abi_dir);
	check_ok("chdir", chdir("d"));
	check_str("getcwd after chdir", getcwd(buf, sizeof(buf)), want);
	check_int("syscall getcwd length", syscall(SYS_getcwd, buf, sizeof(buf)),
		  (long)strlen(want) + 1);
	check_errno("syscall getcwd small buffer", syscall(SYS_getcwd, buf, 4), ERANGE);
	fd = open("a", O_RDONLY | O_CLOEXEC);
	check_ok("relative open after chdir", fd);
	close(fd);
	check_ok("chdir dotdot", chdir(".."));
	check_str("getcwd after dotdot", getcwd(buf, sizeof(buf)), abi_dir);

	fd = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_ok("fchdir", fchdir(fd));
	check_str("getcwd after fchdir", getcwd(buf, sizeof(buf)), want);
	close(fd);
	check_ok("chdir absolute", chdir(abi_dir));
	check_str("getcwd after absolute", getcwd(buf, sizeof(buf)), abi_dir);
	fd = open("d/a", O_RDONLY | O_CLOEXEC);
	check_errno("fchdir to file", fchdir(fd), ENOTDIR);
	close(fd);

	check_ok("chdir root", chdir("/"));
	check_ok("chdir above root", chdir(".."));
	check_str("getcwd above root", getcwd(buf, sizeof(buf)), "/");
	check_true("root dotdot is root", same_file("/..", "/"));
	check_ok("chdir back", chdir(abi_dir));

	/* The cwd removed under the process. */
	check_ok("mkdir doomed", mkdir("doomed", 0755));
	check_ok("chdir doomed", chdir("doomed"));
	snprintf(buf, sizeof(buf), "%s/doomed", abi_dir);
	check_ok("rmdir cwd", rmdir(buf));
	check_errno("getcwd of removed dir", syscall(SYS_getcwd, buf, sizeof(buf)), ENOENT);
	check_errno("create in removed dir", open("x", O_WRONLY | O_CREAT, 0644), ENOENT);
	check_ok("chdir out of removed", chdir(abi_dir));
}

static void paths(void)
{
	char want[PATH_MAX], buf[PATH_MAX];
	struct stat st;
	int fd, dfd;

	check_ok("stat via dotdot", stat("d/sub/../a", &st));
	check_true("stat via dotdot is file", S_ISREG(st.st_mode) && st.st_size == 1);
	check_ok("stat via dots", stat("./d/./b", &st));
	check_true("dotdot of sub is dir", same_file("d/sub/..", "d"));
	check_true("dot is cwd", same_file(".", abi_dir));
	check_errno("dotdot after file", stat("d/a/..", &st), ENOTDIR);
	check_errno("trailing slash on file", stat("d/a/", &st), ENOTDIR);
	check_ok("trailing slash on dir", stat("d/sub/", &st));

	dfd = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fd = openat(dfd, "a", O_RDONLY | O_CLOEXEC);
	check_ok("openat relative to dirfd", fd);
	close(fd);
	fd = openat(dfd, "../d/b", O_RDONLY | O_CLOEXEC);
	check_ok("openat dotdot from dirfd", fd);
	close(fd);
	fd = open("d/a", O_RDONLY | O_CLOEXEC);
	check_errno("openat relative to file fd", openat(fd, "x", O_RDONLY), ENOTDIR);
	close(fd);
	check_ok("mkdirat", mkdirat(dfd, "m", 0755));
	check_errno("unlinkat dir without flag", unlinkat(dfd, "m", 0), EISDIR);
	check_ok("unlinkat AT_REMOVEDIR", unlinkat(dfd, "m", AT_REMOVEDIR));
	check_errno("unlinkat AT_REMOVEDIR on file", unlinkat(dfd, "a", AT_REMOVEDIR), ENOTDIR);
	close(dfd);

	/* Symlinks to directories in the middle of a path walk. */
	check_ok("symlink to dir", symlink("d", "ld"));
	check_ok("stat through dir symlink", stat("ld/a", &st));
	check_true("stat through dir symlink is file", S_ISREG(st.st_mode));
	check_true("symlink dotdot is physical", same_file("ld/sub/..", "d"));
	check_ok("lstat dir symlink", lstat("ld", &st));
	check_true("lstat dir symlink is link", S_ISLNK(st.st_mode));
	check_ok("lstat trailing slash follows", lstat("ld/", &st));
	check_true("lstat trailing slash is dir", S_ISDIR(st.st_mode));
	snprintf(want, sizeof(want), "%s/d/sub", abi_dir);
	check_ok("absolute symlink", symlink(want, "abs"));
	check_true("absolute symlink walk", same_file("abs/..", "d"));
	check_ok("relative symlink in subdir", symlink("../b", "d/sub/up"));
	check_true("relative symlink from its dir", same_file("d/sub/up", "d/b"));
	check_ok("chdir through symlink", chdir("ld/sub"));
	check_str("getcwd is physical", getcwd(buf, sizeof(buf)), want);
	check_ok("chdir back", chdir(abi_dir));
	check_errno("symlink to file then dir", stat("d/ln/x", &st), ENOTDIR);
}

static void errors(void)
{
	char name[300], *longpath;
	struct stat st;
	int fd, i;

	check_errno("mkdir existing", mkdir("d", 0755), EEXIST);
	check_errno("mkdir over file", mkdir("d/a", 0755), EEXIST);
	check_errno("mkdir missing parent", mkdir("nope/x", 0755), ENOENT);
	check_errno("mkdir under file", mkdir("d/a/x", 0755), ENOTDIR);
	check_errno("open under file", open("d/a/x", O_RDONLY), ENOTDIR);
	check_errno("rmdir file", rmdir("d/a"), ENOTDIR);
	check_errno("chdir file", chdir("d/a"), ENOTDIR);
	check_errno("O_DIRECTORY file", open("d/a", O_RDONLY | O_DIRECTORY), ENOTDIR);
	check_errno("rmdir missing", rmdir("nope"), ENOENT);
	check_errno("rmdir dot", rmdir("d/."), EINVAL);

	check_errno("open dir for writing", open("d", O_WRONLY), EISDIR);
	check_errno("open dir read-write", open("d", O_RDWR), EISDIR);
	check_errno("open dir O_CREAT", open("d", O_RDONLY | O_CREAT, 0644), EISDIR);
	check_errno("unlink dir", unlink("d"), EISDIR);
	fd = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_errno("read dir", read(fd, name, sizeof(name)), EISDIR);
	close(fd);
	check_errno("link dir", link("d", "dl"), EPERM);

	check_errno("rmdir non-empty", rmdir("d"), ENOTEMPTY);
	check_ok("mkdir e", mkdir("e", 0755));
	check_errno("rename dir over non-empty", rename("e", "d"), ENOTEMPTY);
	check_errno("rename dir into itself", rename("d", "d/sub/x"), EINVAL);
	check_errno("rename dir over file", rename("e", "d/a"), ENOTDIR);
	check_errno("rename file over dir", rename("d/a", "e"), EISDIR);
	check_ok("rename dir", rename("e", "d/sub/e"));
	check_ok("renamed dir exists", stat("d/sub/e", &st));
	check_ok("mkdir f", mkdir("f", 0755));
	check_ok("rename dir over empty dir", rename("d/sub/e", "f"));
	check_errno("renamed dir gone", stat("d/sub/e", &st), ENOENT);
	check_ok("rmdir renamed", rmdir("f"));

	memset(name, 'x', 255);
	name[255] = 0;
	check_ok("mkdir 255-byte name", mkdir(name, 0755));
	check_ok("rmdir 255-byte name", rmdir(name));
	memset(name, 'x', 256);
	name[256] = 0;
	check_errno("mkdir 256-byte name", mkdir(name, 0755), ENAMETOOLONG);
	check_errno("open 256-byte name", open(name, O_RDONLY), ENAMETOOLONG);
	longpath = malloc(5001);
	for (i = 0; i < 5000; i += 2)
		memcpy(longpath + i, "./", 2);
	longpath[5000] = 0;
	check_errno("path over PATH_MAX", stat(longpath, &st), ENAMETOOLONG);
	free(longpath);

	check_ok("symlink loop 1", symlink("loop2", "loop1"));
	check_ok("symlink loop 2", symlink("loop1", "loop2"));
	check_errno("symlink loop", stat("loop1", &st), ELOOP);
	check_errno("symlink loop in path", stat("loop1/x", &st), ELOOP);
	check_ok("lstat symlink loop", lstat("loop1", &st));
	/* Linux follows at most 40 symlinks in one resolution. */
	for (i = 0; i < 41; i++) {
		char target[16];

		snprintf(name, sizeof(name), "chain%d", i);
		if (i == 40)
			strcpy(target, "d");
		else
			snprintf(target, sizeof(target), "chain%d", i + 1);
		if (symlink(target, name) != 0)
			break;
	}
	check_int("symlink chain created", i, 41);
	check_ok("40 symlinks followed", stat("chain1/a", &st));
	check_errno("41 symlinks", stat("chain0/a", &st), ELOOP);
}

int main(void)
{
	abi_begin("dirs");
	listing();
	cwd();
	paths();
	errors();
	return abi_end();
}
