// SPDX-License-Identifier: MIT
/*
 * inotify: instances (inotify_init, inotify_init1 and their flags), watches
 * (inotify_add_watch: masks replaced, added to (IN_MASK_ADD) or refused
 * (IN_MASK_CREATE), IN_ONLYDIR, IN_DONT_FOLLOW, IN_ONESHOT; inotify_rm_watch
 * and IN_IGNORED), and the events the file operations make, on the file
 * and on its watched directory, in Linux's order: open, access, modify,
 * attrib, close (write or not), create, delete, moves with their cookie,
 * delete-self, move-self; reads (whole events, EINVAL for a buffer too
 * small, EAGAIN when empty), merging of repeats, FIONREAD and poll.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "abi.h"

#define ABI_IN_MASK_CREATE 0x10000000U

static int in_fd;
static int wd_dir, wd_file;
static uint32_t last_cookie;

static const struct {
	uint32_t bit;
	const char *name;
} bits[] = {
	{IN_ACCESS, "ACCESS"},
	{IN_MODIFY, "MODIFY"},
	{IN_ATTRIB, "ATTRIB"},
	{IN_CLOSE_WRITE, "CLOSE_WRITE"},
	{IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"},
	{IN_OPEN, "OPEN"},
	{IN_MOVED_FROM, "MOVED_FROM"},
	{IN_MOVED_TO, "MOVED_TO"},
	{IN_CREATE, "CREATE"},
	{IN_DELETE, "DELETE"},
	{IN_DELETE_SELF, "DELETE_SELF"},
	{IN_MOVE_SELF, "MOVE_SELF"},
	{IN_UNMOUNT, "UNMOUNT"},
	{IN_Q_OVERFLOW, "Q_OVERFLOW"},
	{IN_IGNORED, "IGNORED"},
	{IN_ISDIR, "ISDIR"},
};

static const char *wd_name(int wd)
{
	return wd == wd_dir ? "d" : wd == wd_file ? "f" : wd == -1 ? "-" : "?";
}

/* The events queued now, as "d:CREATE:name f:OPEN ..." (cookies: "=" when a move's pair matches).
 */
static const char *drain(void)
{
	static char out[4096];
	char buf[4096] __attribute__((aligned(8)));
	size_t used = 0;
	long n;

	out[0] = '\0';
	while ((n = read(in_fd, buf, sizeof(buf))) > 0) {
		for (long pos = 0; pos < n;) {
			struct inotify_event *e = (struct inotify_event *)(buf + pos);

			used += snprintf(out + used, sizeof(out) - used, "%s%s:", used ? " " : "",
					 wd_name(e->wd));
			for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
				if (e->mask & bits[i].bit)
					used += snprintf(out + used, sizeof(out) - used, "%s%s",
							 out[used - 1] == ':' ? "" : "|",
							 bits[i].name);
			}
			if (e->len)
				used += snprintf(out + used, sizeof(out) - used, ":%s", e->name);
			if (e->mask & IN_MOVED_FROM)
				last_cookie = e->cookie;
			if (e->mask & IN_MOVED_TO)
				used += snprintf(out + used, sizeof(out) - used, "%s",
						 e->cookie && e->cookie == last_cookie ? "=" : "!");
			pos += sizeof(*e) + e->len;
		}
	}
	return out;
}

static void instances(void)
{
	char path[64], link[64] = "";
	int fd = inotify_init(), fl;
	struct stat st;

	check_ok("inotify_init", fd);
	check_int("inotify_init: no close-on-exec", fcntl(fd, F_GETFD), 0);
	check_int("inotify_init: blocking", fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	close(fd);
	fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	check_ok("inotify_init1", fd);
	check_int("IN_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	fl = fcntl(fd, F_GETFL);
	check_true("IN_NONBLOCK", (fl & O_NONBLOCK) && (fl & O_ACCMODE) == O_RDONLY);
	check_ok("fstat inotify", fstat(fd, &st));
	check_int("inotify: an anonymous inode, mode 0600 without a file type", st.st_mode, 0600);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	check_true("inotify readlink", readlink(path, link, sizeof(link) - 1) > 0);
	check_str("inotify name", link, "anon_inode:inotify");
	check_int("lseek on inotify does nothing", lseek(fd, 5, SEEK_SET), 0);
	close(fd);
	check_errno("inotify_init1 bad flags", inotify_init1(1), EINVAL);
}

static void watches(void)
{
	int fd, wd, wd2;

	make_file("file", "0123456789", 10);
	check_ok("mkdir dir", mkdir("dir", 0755));
	check_ok("symlink", symlink("file", "link"));
	fd = open("file", O_RDONLY | O_CLOEXEC);
	check_errno("add_watch not inotify", inotify_add_watch(fd, "file", IN_ALL_EVENTS), EINVAL);
	close(fd);
	check_errno("add_watch bad fd", inotify_add_watch(77, "file", IN_ALL_EVENTS), EBADF);
	check_errno("add_watch no events", inotify_add_watch(in_fd, "file", 0), EINVAL);
	check_errno("add_watch missing", inotify_add_watch(in_fd, "missing", IN_ALL_EVENTS),
		    ENOENT);
	check_errno("add_watch IN_ONLYDIR on a file",
		    inotify_add_watch(in_fd, "file", IN_ALL_EVENTS | IN_ONLYDIR), ENOTDIR);
	check_errno("add_watch MASK_ADD and MASK_CREATE",
		    inotify_add_watch(in_fd, "file", IN_OPEN | IN_MASK_ADD | ABI_IN_MASK_CREATE),
		    EINVAL);
	wd = inotify_add_watch(in_fd, "link", IN_OPEN);
	check_true("add_watch follows symlinks", wd > 0);
	wd2 = inotify_add_watch(in_fd, "file", IN_CLOSE);
	check_int("the same file, the same watch", wd2, wd);
	check_errno("IN_MASK_CREATE on a watched file",
		    inotify_add_watch(in_fd, "file", IN_OPEN | ABI_IN_MASK_CREATE), EEXIST);
	wd2 = inotify_add_watch(in_fd, "link", IN_ATTRIB | IN_DONT_FOLLOW);
	check_true("IN_DONT_FOLLOW watches the link itself", wd2 > 0 && wd2 != wd);
	check_ok("rm_watch the link's", inotify_rm_watch(in_fd, wd2));
	wd_file = wd;
	wd_dir = inotify_add_watch(in_fd, ".", IN_ALL_EVENTS | IN_ONLYDIR);
	check_true("add_watch a directory", wd_dir > 0 && wd_dir != wd);
	check_str("rm_watch queues IN_IGNORED", drain(), "?:IGNORED");

	/* The mask was replaced by IN_CLOSE: opening says nothing of the file itself now. */
	fd = open("file", O_RDONLY | O_CLOEXEC);
	close(fd);
	check_str("replaced mask", drain(), "d:OPEN:file d:CLOSE_NOWRITE:file f:CLOSE_NOWRITE");
	check_int("IN_MASK_ADD", inotify_add_watch(in_fd, "file", IN_OPEN | IN_MASK_ADD), wd_file);
	fd = open("file", O_RDONLY | O_CLOEXEC);
	close(fd);
	check_str("added mask", drain(), "d:OPEN:file f:OPEN d:CLOSE_NOWRITE:file f:CLOSE_NOWRITE");
	check_errno("rm_watch unknown", inotify_rm_watch(in_fd, 12345), EINVAL);
	check_errno("rm_watch not inotify", inotify_rm_watch(0, wd_file), EINVAL);
}

static void file_events(void)
{
	struct timespec ts[2] = {{1, 0}, {2, 0}};
	char buf[16];
	int fd;

	inotify_add_watch(in_fd, "file", IN_ALL_EVENTS);
	fd = open("file", O_RDWR | O_CLOEXEC);
	check_int("read", read(fd, buf, 4), 4);
	check_int("write", write(fd, "abcd", 4), 4);
	check_int("read nothing at the end", pread(fd, buf, 4, 100), 0);
	close(fd);
	check_str("open, access, modify, close", drain(),
		  "d:OPEN:file f:OPEN d:ACCESS:file f:ACCESS d:MODIFY:file f:MODIFY "
		  "d:CLOSE_WRITE:file f:CLOSE_WRITE");
	fd = open("file", O_WRONLY | O_CLOEXEC);
	write(fd, "x", 1);
	write(fd, "y", 1);
	write(fd, "z", 1);
	close(fd);
	check_str("repeats merge only with the last event", drain(),
		  "d:OPEN:file f:OPEN d:MODIFY:file f:MODIFY d:MODIFY:file f:MODIFY d:MODIFY:file "
		  "f:MODIFY d:CLOSE_WRITE:file f:CLOSE_WRITE");
	check_ok("chmod", chmod("file", 0600));
	check_ok("truncate", truncate("file", 2));
	check_ok("utimensat", utimensat(AT_FDCWD, "file", ts, 0));
	check_str("attrib, modify", drain(),
		  "d:ATTRIB:file f:ATTRIB d:MODIFY:file f:MODIFY d:ATTRIB:file f:ATTRIB");
	fd = open("file", O_PATH | O_CLOEXEC);
	close(fd);
	check_str("O_PATH says nothing", drain(), "");
	fd = open("dir", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	syscall(SYS_getdents64, fd, buf, sizeof(buf));
	close(fd);
	check_str("a subdirectory", drain(),
		  "d:OPEN|ISDIR:dir d:ACCESS|ISDIR:dir d:CLOSE_NOWRITE|ISDIR:dir");
}

static void name_events(void)
{
	int fd;

	fd = open("new", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	close(fd);
	check_ok("mkdir", mkdir("sub", 0755));
	check_ok("mknod", mknod("fifo", S_IFIFO | 0600, 0));
	check_ok("symlink", symlink("new", "sym"));
	check_ok("link", link("file", "hard"));
	check_str("created", drain(),
		  "d:CREATE:new d:OPEN:new d:CLOSE_WRITE:new d:CREATE|ISDIR:sub d:CREATE:fifo "
		  "d:CREATE:sym f:ATTRIB d:CREATE:hard");
	check_ok("rename", rename("new", "renamed"));
	check_ok("rename into a subdirectory", rename("renamed", "sub/moved"));
	check_ok("rename a directory", rename("sub", "sub2"));
	check_str("moves", drain(),
		  "d:MOVED_FROM:new d:MOVED_TO:renamed= d:MOVED_FROM:renamed "
		  "d:MOVED_FROM|ISDIR:sub d:MOVED_TO|ISDIR:sub2=");
	check_ok("rename the watched file", rename("file", "file2"));
	check_str("move-self", drain(), "d:MOVED_FROM:file d:MOVED_TO:file2= f:MOVE_SELF");
	check_ok("unlink one link", unlink("hard"));
	check_str("unlink a link", drain(), "f:ATTRIB d:DELETE:hard");
	check_ok("unlink", unlink("fifo"));
	check_ok("unlink sym", unlink("sym"));
	check_ok("unlink moved", unlink("sub2/moved"));
	check_ok("rmdir", rmdir("sub2"));
	check_str("deleted", drain(), "d:DELETE:fifo d:DELETE:sym d:DELETE|ISDIR:sub2");
	check_ok("unlink the watched file", unlink("file2"));
	check_str("delete-self", drain(), "f:ATTRIB f:DELETE_SELF f:IGNORED d:DELETE:file2");
	check_errno("its watch is gone", inotify_rm_watch(in_fd, wd_file), EINVAL);
}

static void reading(void)
{
	char small[sizeof(struct inotify_event) + 4];
	int n = -1, fd, wd;
	struct pollfd p = {.fd = in_fd, .events = POLLIN};

	check_errno("read with nothing queued", read(in_fd, small, sizeof(small)), EAGAIN);
	check_int("poll with nothing queued", poll(&p, 1, 0), 0);
	make_file("a-rather-long-name", "", 0);
	check_ok("FIONREAD", ioctl(in_fd, FIONREAD, &n));
	/* Three events with a 32-byte padded name each: create, open, close. */
	check_int("FIONREAD bytes", n, 3 * (sizeof(struct inotify_event) + 32));
	check_int("poll with events", poll(&p, 1, 0), 1);
	check_true("poll says readable", p.revents == POLLIN);
	check_errno("read into too small a buffer", read(in_fd, small, sizeof(small)), EINVAL);
	drain();
	unlink("a-rather-long-name");
	drain();
	fd = open(".", O_RDONLY | O_CLOEXEC);
	wd = inotify_add_watch(in_fd, "dir", IN_OPEN | IN_ONESHOT);
	close(open("dir", O_RDONLY | O_CLOEXEC));
	close(open("dir", O_RDONLY | O_CLOEXEC));
	wd_file = wd;
	check_str("IN_ONESHOT: one event, then the watch goes", drain(),
		  "d:OPEN|ISDIR d:OPEN|ISDIR:dir f:OPEN|ISDIR f:IGNORED d:CLOSE_NOWRITE|ISDIR:dir "
		  "d:OPEN|ISDIR:dir d:CLOSE_NOWRITE|ISDIR:dir");
	close(fd);
	drain();
}

int main(void)
{
	abi_begin("inotify");
	instances();
	in_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	watches();
	file_events();
	name_events();
	reading();
	inotify_rm_watch(in_fd, wd_dir);
	close(in_fd);
	unlink("link");
	rmdir("dir");
	return abi_end();
}
