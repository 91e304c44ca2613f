// SPDX-License-Identifier: MIT
/*
 * The file name space: chroot (absolute paths, symlinks and ".." stop at
 * the new root; getcwd outside it; inherited by fork) and mount/umount2
 * (tmpfs with its options, ramfs, proc and devtmpfs mounted and
 * unmounted, mounts hiding what is below, bind mounts with and without
 * MS_REC, remounts, propagation changes, busy mounts, MNT_DETACH and
 * MNT_EXPIRE, inotify's IN_UNMOUNT, the refusals).
 *
 * Both change the process's view of the machine, so they run in forked
 * children, which print their own checks and exit with the number that
 * failed.  Natively the mounting child first takes a mount name space of
 * its own, private from "/" down, so that nothing it mounts reaches the
 * host; where there are no name spaces (ENOSYS), there is nothing to
 * protect either.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"

#define TMPFS_MAGIC 0x01021994
#define RAMFS_MAGIC 0x858458f6
#define PROC_MAGIC  0x9fa0

/* Run fn in a forked child; its checks print there.  1 if none failed. */
static int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(abi_failures ? 1 : 0);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_ino == sb.st_ino &&
	       sa.st_dev == sb.st_dev;
}

static int cwd_is(const char *want)
{
	char buf[4096];
	long n = syscall(SYS_getcwd, buf, sizeof(buf));

	return n > 0 && !strcmp(buf, want);
}

static int content_is(const char *path, const char *want)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	return n == (long)strlen(want) && !memcmp(buf, want, n);
}

static void grandchild_in_jail(void)
{
	check_true("fork keeps the root", content_is("/inside", "in"));
}

static void jailed(void)
{
	char buf[4096];
	long n;

	check_ok("chroot", chroot("jail"));
	n = syscall(SYS_getcwd, buf, sizeof(buf));
	check_true("getcwd outside the root is unreachable",
		   n > 0 && !strncmp(buf, "(unreachable)/", 14));
	check_true("absolute paths start at the root", content_is("/inside", "in"));
	check_true("absolute symlinks resolve in the root", content_is("/abs", "in"));
	check_errno("the old tree is out of reach", access("/jail", F_OK), ENOENT);
	check_ok("chdir to the root", chdir("/"));
	check_true("getcwd at the root", cwd_is("/"));
	check_true("/.. is the root", same_file("/..", "/"));
	check_ok("chdir below", chdir("sub"));
	check_true("getcwd below the root", cwd_is("/sub"));
	check_ok("chdir up past the root", chdir("../../.."));
	check_true("up past the root stays there", cwd_is("/"));
	check_true("children inherit the root", in_child(grandchild_in_jail));
	check_ok("chroot again, relative", chroot("sub"));
	check_errno("the new root is sub", access("/inside", F_OK), ENOENT);
}

static void chroots(void)
{
	check_ok("mkdir jail", mkdir("jail", 0755));
	check_ok("mkdir jail/sub", mkdir("jail/sub", 0755));
	make_file("jail/inside", "in", 2);
	check_ok("absolute symlink in the jail", symlink("/inside", "jail/abs"));
	check_true("chroot in a child", in_child(jailed));
	check_true("the parent's root is unchanged", content_is("jail/inside", "in"));
	check_errno("chroot missing", chroot("missing"), ENOENT);
	check_errno("chroot a file", chroot("jail/inside"), ENOTDIR);
	check_errno("chroot bad path", syscall(SYS_chroot, (void *)8), EFAULT);
	unlink("jail/abs");
	unlink("jail/inside");
	rmdir("jail/sub");
	rmdir("jail");
}

static long fs_type(const char *path)
{
	struct statfs fs;

	return statfs(path, &fs) ? -1 : (long)fs.f_type;
}

static void new_mounts(void)
{
	struct inotify_event ev[4];
	struct stat st;
	char buf[8] = "";
	int fd, in, wd;

	check_ok("mount tmpfs", mount("none", "mnt", "tmpfs", 0, NULL));
	check_int("tmpfs statfs type", fs_type("mnt"), TMPFS_MAGIC);
	check_errno("the mount hides the directory's files", access("mnt/under", F_OK), ENOENT);
	make_file("mnt/new", "new", 3);
	check_true("a file system of its own",
		   !same_file("mnt", ".") && access("mnt/new", F_OK) == 0);
	fd = open("mnt/new", O_RDONLY | O_CLOEXEC);
	check_errno("umount busy with an open file", umount2("mnt", 0), EBUSY);
	close(fd);
	check_ok("umount", umount("mnt"));
	check_ok("the directory's files are back", access("mnt/under", F_OK));

	check_ok("mount ramfs", mount("r", "mnt", "ramfs", MS_NOSUID | MS_NOATIME, NULL));
	check_int("ramfs statfs type", fs_type("mnt"), RAMFS_MAGIC);
	check_ok("mount tmpfs over it", mount("t", "mnt", "tmpfs", 0, ""));
	check_int("the latest mount shows", fs_type("mnt"), TMPFS_MAGIC);
	check_ok("umount the top one", umount2("mnt", 0));
	check_int("the one below shows again", fs_type("mnt"), RAMFS_MAGIC);
	check_ok("umount the other", umount2("mnt", 0));

	check_ok("mount tmpfs with options",
		 mount("none", "mnt", "tmpfs", 0,
		       "mode=0710,uid=1000,gid=1001,size=1m,nr_inodes=64"));
	check_ok("stat the mount's root", stat("mnt", &st));
	check_true("tmpfs mode, uid, gid",
		   (st.st_mode & 07777) == 0710 && st.st_uid == 1000 && st.st_gid == 1001);
	check_ok("umount it", umount2("mnt", 0));
	check_errno("tmpfs refuses an unknown option", mount("none", "mnt", "tmpfs", 0, "bogus=1"),
		    EINVAL);
	check_errno("tmpfs refuses a bad mode", mount("none", "mnt", "tmpfs", 0, "mode=9"), EINVAL);
	check_errno("tmpfs refuses a bad size", mount("none", "mnt", "tmpfs", 0, "size=1q"),
		    EINVAL);
	check_ok("ramfs ignores what it does not know",
		 mount("r", "mnt", "ramfs", 0, "mode=711,bogus"));
	check_ok("stat the ramfs root", stat("mnt", &st));
	check_int("ramfs mode", st.st_mode & 07777, 0711);
	check_ok("umount the ramfs", umount2("mnt", 0));

	check_ok("mount proc", mount("proc", "mnt", "proc", 0, NULL));
	check_int("proc statfs type", fs_type("mnt"), PROC_MAGIC);
	check_ok("proc has this process", access("mnt/self/status", R_OK));
	check_ok("umount proc", umount2("mnt", 0));
	check_ok("mount devtmpfs", mount("devtmpfs", "mnt", "devtmpfs", 0, NULL));
	check_ok("devtmpfs has null", stat("mnt/null", &st));
	check_true("devtmpfs null is 1:3",
		   S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3);
	check_ok("umount devtmpfs", umount2("mnt", 0));

	check_ok("mount for MNT_DETACH", mount("none", "mnt", "tmpfs", 0, NULL));
	make_file("mnt/kept", "kept", 4);
	fd = open("mnt/kept", O_RDONLY | O_CLOEXEC);
	check_ok("umount MNT_DETACH while busy", umount2("mnt", MNT_DETACH));
	check_int("a detached file still reads", read(fd, buf, sizeof(buf)), 4);
	close(fd);
	check_ok("detached: the directory shows", access("mnt/under", F_OK));
	check_ok("mount for a watch", mount("none", "mnt", "tmpfs", 0, NULL));
	make_file("mnt/watched", "w", 1);
	in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	wd = inotify_add_watch(in, "mnt/watched", IN_ALL_EVENTS);
	check_true("watch a file in the mount", wd > 0);
	check_ok("a watch does not keep a mount busy", umount2("mnt", 0));
	check_true("inotify: IN_UNMOUNT, then IN_IGNORED",
		   read(in, ev, sizeof(ev)) == 2 * sizeof(ev[0]) && ev[0].wd == wd &&
			   ev[0].mask == IN_UNMOUNT && ev[1].wd == wd && ev[1].mask == IN_IGNORED);
	close(in);
	check_ok("mount for MNT_EXPIRE", mount("none", "mnt", "tmpfs", 0, NULL));
	check_errno("MNT_EXPIRE first marks", umount2("mnt", MNT_EXPIRE), EAGAIN);
	check_ok("MNT_EXPIRE then unmounts", umount2("mnt", MNT_EXPIRE));
}

static void binds(void)
{
	check_ok("mkdir src", mkdir("src", 0755));
	check_ok("mkdir src/inner", mkdir("src/inner", 0755));
	make_file("src/f", "f", 1);
	check_ok("bind mount", mount("src", "mnt", NULL, MS_BIND, NULL));
	check_true("bind shows the source", same_file("mnt/f", "src/f"));
	make_file("mnt/g", "g", 1);
	check_ok("bind writes through", access("src/g", F_OK));
	check_ok("umount the bind", umount2("mnt", 0));
	check_errno("bind a file on a directory", mount("src/f", "mnt", NULL, MS_BIND, NULL),
		    ENOTDIR);
	check_errno("bind a missing source", mount("nothing", "mnt", NULL, MS_BIND, NULL), ENOENT);

	check_ok("mount below the source", mount("none", "src/inner", "tmpfs", 0, NULL));
	make_file("src/inner/t", "t", 1);
	check_ok("bind without MS_REC", mount("src", "mnt", NULL, MS_BIND, NULL));
	check_errno("without MS_REC the mount below is not there", access("mnt/inner/t", F_OK),
		    ENOENT);
	check_ok("umount it", umount2("mnt", 0));
	check_ok("bind with MS_REC", mount("src", "mnt", NULL, MS_BIND | MS_REC, NULL));
	check_true("with MS_REC the mount below comes along",
		   same_file("mnt/inner/t", "src/inner/t"));
	check_errno("umount with a mount below is busy", umount2("mnt", 0), EBUSY);
	check_ok("umount the one below first", umount2("mnt/inner", 0));
	check_ok("then the bind", umount2("mnt", 0));
	check_ok("mkdir src/self", mkdir("src/self", 0755));
	check_ok("bind a tree into itself", mount("src", "src/self", NULL, MS_BIND | MS_REC, NULL));
	check_true("its mounts come along", same_file("src/self/inner/t", "src/inner/t"));
	check_errno("once: not the new one again", access("src/self/self/inner", F_OK), ENOENT);
	check_ok("umount the copy below", umount2("src/self/inner", 0));
	check_ok("umount the tree bound into itself", umount2("src/self", 0));
	rmdir("src/self");
	check_ok("umount below the source", umount2("src/inner", 0));
	unlink("src/f");
	unlink("src/g");
	rmdir("src/inner");
	rmdir("src");
}

static void changes_and_refusals(void)
{
	check_ok("mount to change", mount("none", "mnt", "tmpfs", 0, NULL));
	check_ok("remount", mount(NULL, "mnt", NULL, MS_REMOUNT | MS_NOSUID, NULL));
	check_ok("remount a bind", mount(NULL, "mnt", NULL, MS_REMOUNT | MS_BIND, NULL));
	check_ok("make shared", mount(NULL, "mnt", NULL, MS_SHARED, NULL));
	check_ok("make private recursively", mount(NULL, "mnt", NULL, MS_PRIVATE | MS_REC, NULL));
	check_errno("two propagation kinds", mount(NULL, "mnt", NULL, MS_SHARED | MS_PRIVATE, NULL),
		    EINVAL);
	check_errno("propagation with other flags",
		    mount(NULL, "mnt", NULL, MS_SLAVE | MS_NOSUID, NULL), EINVAL);
	check_ok("umount after changes", umount2("mnt", 0));
	check_errno("remount a plain directory", mount(NULL, "mnt", NULL, MS_REMOUNT, NULL),
		    EINVAL);
	check_errno("propagation of a plain directory", mount(NULL, "mnt", NULL, MS_PRIVATE, NULL),
		    EINVAL);
	check_errno("unknown file system type", mount("none", "mnt", "nosuchfs", 0, NULL), ENODEV);
	check_errno("no type", mount("none", "mnt", NULL, 0, NULL), EINVAL);
	check_errno("missing target", mount("none", "missing", "tmpfs", 0, NULL), ENOENT);
	check_errno("missing target before the type", mount("none", "missing", "nosuchfs", 0, NULL),
		    ENOENT);
	check_errno("file target", mount("none", "mnt/under", "tmpfs", 0, NULL), ENOTDIR);
	check_errno("bad target pointer", syscall(SYS_mount, "none", (void *)8, "tmpfs", 0, NULL),
		    EFAULT);
	check_errno("umount a plain directory", umount2("mnt", 0), EINVAL);
	check_errno("umount missing", umount2("missing", 0), ENOENT);
	check_errno("umount bad flags", umount2("mnt", 0x100), EINVAL);
	check_errno("MNT_EXPIRE with MNT_DETACH", umount2("mnt", MNT_EXPIRE | MNT_DETACH), EINVAL);
}

static void mounting(void)
{
	if (unshare(CLONE_NEWNS) != 0 && errno != ENOSYS) {
		check("a mount name space of its own", 0, "unshare: %s", errname(errno));
		return;
	}
	check_ok("make everything private", mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	new_mounts();
	binds();
	changes_and_refusals();
}

static void mounts(void)
{
	check_ok("mkdir mnt", mkdir("mnt", 0755));
	make_file("mnt/under", "u", 1);
	check_true("mounts in a child", in_child(mounting));
	unlink("mnt/under");
	rmdir("mnt");
}

int main(void)
{
	abi_begin("namespace");
	chroots();
	mounts();
	return abi_end();
}
