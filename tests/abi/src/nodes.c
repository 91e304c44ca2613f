// SPDX-License-Identifier: MIT
/*
 * Nodes made by mknod/mknodat: regular files, FIFOs (the fifo(7) open
 * rules that never wait, data through the pipe, end of file, POLLHUP only
 * after a writer has come and gone, the data gone with the last close),
 * character devices by number (what /dev/null and /dev/zero are, wherever
 * the node is; a number without a driver), block-device and socket nodes
 * (made and stat'ed, never opened), and the errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "abi.h"

static long raw_mknodat(int dirfd, const char *path, unsigned int mode, unsigned int dev)
{
	return syscall(SYS_mknodat, dirfd, path, mode, dev);
}

static void regular_and_errors(void)
{
	struct stat st;
	int dfd;

	check_ok("mknod regular", mknod("r", S_IFREG | 0640, 0));
	check_ok("stat regular node", stat("r", &st));
	check_true("mknod regular is an empty file",
		   S_ISREG(st.st_mode) && st.st_size == 0 && (st.st_mode & 07777) == 0640);
	check_ok("mknod type 0 is regular", syscall(SYS_mknod, "r0", 0600, 0));
	check_ok("stat type 0", stat("r0", &st));
	check_true("type 0 made a regular file", S_ISREG(st.st_mode));
	check_errno("mknod existing", mknod("r", S_IFIFO | 0600, 0), EEXIST);
	check_errno("mknod directory type", syscall(SYS_mknod, "d", S_IFDIR | 0755, 0), EPERM);
	check_errno("mknod bad type", syscall(SYS_mknod, "x", 0160000 | 0644, 0), EINVAL);
	check_errno("mknod bad type before path", syscall(SYS_mknod, "no/such/x", 0160000, 0),
		    EINVAL);
	check_errno("mknod missing parent", mknod("no/x", S_IFIFO | 0600, 0), ENOENT);
	check_errno("mknod through a file", mknod("r/x", S_IFIFO | 0600, 0), ENOTDIR);
	check_errno("mknod trailing slash", mknod("new/", S_IFIFO | 0600, 0), ENOENT);
	check_errno("mknod trailing slash existing", mknod("r/", S_IFIFO | 0600, 0), EEXIST);
	check_errno("mknod bad path", syscall(SYS_mknod, (void *)8, S_IFIFO | 0600, 0), EFAULT);

	check_ok("mkdir for mknodat", mkdir("sub", 0755));
	dfd = open("sub", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_ok("mknodat", raw_mknodat(dfd, "f", S_IFIFO | 0600, 0));
	check_ok("stat mknodat node", stat("sub/f", &st));
	check_true("mknodat made a FIFO in dirfd", S_ISFIFO(st.st_mode));
	check_errno("mknodat bad dirfd", raw_mknodat(77, "f", S_IFIFO | 0600, 0), EBADF);
	check_ok("mknodat AT_FDCWD", raw_mknodat(AT_FDCWD, "sub/g", S_IFIFO | 0600, 0));
	close(dfd);
	umask(077);
	check_ok("mknod under umask 077", mknod("sub/m", S_IFIFO | 0666, 0));
	check_ok("stat umask node", stat("sub/m", &st));
	check_int("mknod applies the umask", st.st_mode & 07777, 0600);
	umask(022);
	unlink("sub/f");
	unlink("sub/g");
	unlink("sub/m");
	rmdir("sub");
	unlink("r");
	unlink("r0");
}

static int readable_now(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 0) == 1 ? p.revents : 0;
}

static void fifos(void)
{
	char buf[16] = "";
	struct stat st;
	int r, w, rw, r2, n = -1;

	check_ok("mknod FIFO", mknod("fifo", S_IFIFO | 0644, 0));
	check_ok("stat FIFO", stat("fifo", &st));
	check_true("FIFO type and mode", S_ISFIFO(st.st_mode) && (st.st_mode & 07777) == 0644);
	check_errno("FIFO writer without reader, O_NONBLOCK",
		    open("fifo", O_WRONLY | O_NONBLOCK | O_CLOEXEC), ENXIO);
	r = open("fifo", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	check_ok("FIFO reader O_NONBLOCK", r);
	check_int("FIFO reader before any writer: no POLLHUP", readable_now(r), 0);
	check_int("FIFO read without writer is end of file", read(r, buf, sizeof(buf)), 0);
	w = open("fifo", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	check_ok("FIFO writer with a reader", w);
	check_ok("fstat FIFO", fstat(w, &st));
	check_true("fstat FIFO", S_ISFIFO(st.st_mode) && st.st_size == 0);
	check_int("FIFO write", write(w, "hello", 5), 5);
	check_ok("FIONREAD FIFO", ioctl(r, FIONREAD, &n));
	check_int("FIONREAD FIFO count", n, 5);
	check_int("FIFO poll with data", readable_now(r), POLLIN);
	check_int("FIFO read", read(r, buf, sizeof(buf)), 5);
	check_true("FIFO data", !memcmp(buf, "hello", 5));
	check_errno("FIFO read empty O_NONBLOCK", read(r, buf, sizeof(buf)), EAGAIN);
	check_errno("lseek FIFO", lseek(r, 0, SEEK_SET), ESPIPE);
	check_errno("pread FIFO", pread(r, buf, 1, 0), ESPIPE);
	close(w);
	check_int("FIFO reader after the writer left: POLLHUP", readable_now(r), POLLHUP);
	check_int("FIFO read after the writer left", read(r, buf, sizeof(buf)), 0);
	close(r);

	/* O_RDWR is both ends: it never waits, and other opens then need not. */
	rw = open("fifo", O_RDWR | O_CLOEXEC);
	check_ok("FIFO O_RDWR", rw);
	r = open("fifo", O_RDONLY | O_CLOEXEC);
	check_ok("FIFO blocking reader with a writer present", r);
	w = open("fifo", O_WRONLY | O_CLOEXEC);
	check_ok("FIFO blocking writer with a reader present", w);
	check_int("FIFO write through O_RDWR", write(rw, "abc", 3), 3);
	check_int("FIFO read by another opener", read(r, buf, 2), 2);
	check_int("FIFO read the rest through O_RDWR", read(rw, buf, sizeof(buf)), 1);
	check_int("FIFO write, kept for later", write(w, "xyz", 3), 3);
	close(r);
	close(w);
	close(rw);
	/* Everything closed: what was left in the pipe went with it. */
	rw = open("fifo", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	check_errno("FIFO data gone after the last close", read(rw, buf, sizeof(buf)), EAGAIN);
	r2 = open("fifo", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	check_int("FIFO opened again: write through one end", write(rw, "q", 1), 1);
	check_int("FIFO read by the other", read(r2, buf, sizeof(buf)), 1);
	close(r2);
	close(rw);
	check_ok("unlink FIFO", unlink("fifo"));
}

static void devices(void)
{
	unsigned char buf[8];
	struct stat st;
	int fd;

	check_ok("mknod char device 1:3", mknod("null", S_IFCHR | 0666, makedev(1, 3)));
	check_ok("stat char device", stat("null", &st));
	check_true("char device type", S_ISCHR(st.st_mode));
	check_true("char device number", major(st.st_rdev) == 1 && minor(st.st_rdev) == 3);
	fd = open("null", O_RDWR | O_CLOEXEC);
	check_ok("open 1:3", fd);
	check_int("1:3 takes writes", write(fd, "gone", 4), 4);
	check_int("1:3 reads nothing", read(fd, buf, sizeof(buf)), 0);
	close(fd);
	check_ok("mknod char device 1:5", mknod("zero", S_IFCHR | 0600, makedev(1, 5)));
	fd = open("zero", O_RDONLY | O_CLOEXEC);
	memset(buf, 0xff, sizeof(buf));
	check_int("1:5 read", read(fd, buf, sizeof(buf)), (long long)sizeof(buf));
	check_true("1:5 reads zeros", buf[0] == 0 && buf[7] == 0);
	close(fd);
	/* 240-254 are for local use: no driver. */
	check_ok("mknod char device without driver",
		 mknod("none", S_IFCHR | 0600, makedev(240, 7)));
	check_errno("open char device without driver", open("none", O_RDONLY | O_CLOEXEC), ENXIO);
	check_ok("O_PATH char device without driver", fd = open("none", O_PATH | O_CLOEXEC));
	close(fd);
	check_ok("mknod large numbers", mknod("big", S_IFCHR | 0600, makedev(300, 70000)));
	check_ok("stat large numbers", stat("big", &st));
	check_true("large device numbers kept",
		   major(st.st_rdev) == 300 && minor(st.st_rdev) == 70000);
	check_ok("mknod block device", mknod("blk", S_IFBLK | 0600, makedev(7, 200)));
	check_ok("stat block device", stat("blk", &st));
	check_true("block device type and number",
		   S_ISBLK(st.st_mode) && major(st.st_rdev) == 7 && minor(st.st_rdev) == 200);
	check_ok("mknod socket", mknod("sock", S_IFSOCK | 0600, 0));
	check_ok("stat socket node", stat("sock", &st));
	check_true("socket node type, no device number", S_ISSOCK(st.st_mode) && st.st_rdev == 0);
	check_errno("open socket node", open("sock", O_RDONLY | O_CLOEXEC), ENXIO);
	check_ok("mknod FIFO ignores dev", mknod("fifo", S_IFIFO | 0600, makedev(1, 3)));
	check_ok("stat FIFO dev", stat("fifo", &st));
	check_true("FIFO has no device number", st.st_rdev == 0);
	unlink("null");
	unlink("zero");
	unlink("none");
	unlink("big");
	unlink("blk");
	unlink("sock");
	unlink("fifo");
}

int main(void)
{
	abi_begin("nodes");
	umask(022);
	regular_and_errors();
	fifos();
	devices();
	return abi_end();
}
