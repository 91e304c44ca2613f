// SPDX-License-Identifier: MIT
/*
 * Processes: fork (the C library's and the raw system call), vfork, exit and
 * exit_group statuses, wait4/waitpid and waitid (WNOHANG, WNOWAIT, ECHILD),
 * what a child shares with its parent (open file descriptions, memory after
 * vfork) and what it does not (memory after fork, its descriptor table,
 * umask, cwd, rlimits), getppid, setpgid/setsid in a child, and execve: of this
 * program again (as /proc/self/exe, in a child), which then reports what it
 * was given and kept, and the refusals that leave the caller running;
 * pidfds (pidfd_open, pidfd_send_signal, waitid's P_PIDFD), execveat
 * (relative to a directory descriptor, of an open file with
 * AT_EMPTY_PATH as fexecve, a memfd too, AT_SYMLINK_NOFOLLOW) and personality's
 * ADDR_NO_RANDOMIZE, which lays the next program out the same every time.
 *
 * Parent and child never need to run at the same time: a child reports
 * what it saw through a pipe (a few bytes, far below its capacity) and
 * ends; the parent reads the report once fork has returned (natively it
 * may wait for it there), then collects the child's status.
 * Children leave with _exit: stdio buffers and atexit handlers are the
 * parent's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"

static volatile int memory;

/* Fork with stdout flushed, so that nothing buffered is written twice. */
static pid_t fork_flushed(void)
{
	fflush(stdout);
	return fork();
}

/*
 * Read a child's report of N bytes from pipe P, then close it; 1 if the
 * report came whole.  The parent's write end goes first, so that a child
 * that died without writing means end of file, not waiting forever.
 */
static int report(int p[2], void *buf, size_t n)
{
	ssize_t got;

	close(p[1]);
	got = read(p[0], buf, n);
	close(p[0]);
	return got == (ssize_t)n;
}

static int exited_with(int status, int code)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

struct view {
	int pid_differs, ppid_is_parent, memory, read_inherited, same_group, same_session;
};

static void basics(void)
{
	struct view v = {0};
	pid_t parent = getpid(), pgrp = getpgrp(), sid = getsid(0), pid;
	char cwd[PATH_MAX], c[3];
	struct rlimit stack, smaller;
	int p[2], fd, status = -1;

	check_ok("pipe", pipe2(p, O_CLOEXEC));
	make_file("data", "0123456789", 10);
	fd = open("data", O_RDONLY | O_CLOEXEC);
	check_ok("open data", fd);
	umask(022);
	getrlimit(RLIMIT_STACK, &stack);
	memory = 1;
	pid = fork_flushed();
	if (pid == 0) {
		v.pid_differs = getpid() != parent;
		v.ppid_is_parent = getppid() == parent;
		v.memory = memory;
		memory = 2;
		v.read_inherited = read(fd, c, 3) == 3 && !memcmp(c, "012", 3);
		close(fd);
		umask(077);
		smaller = stack;
		smaller.rlim_cur = stack.rlim_cur / 2;
		setrlimit(RLIMIT_STACK, &smaller);
		v.same_group = getpgrp() == pgrp;
		v.same_session = getsid(0) == sid;
		if (chdir("/") != 0 || write(p[1], &v, sizeof(v)) != sizeof(v))
			_exit(100);
		_exit(42);
	}
	check_true("fork", pid > 0 && pid != parent);
	check_true("child report", report(p, &v, sizeof(v)));
	check_true("child has its own pid", v.pid_differs);
	check_true("child getppid is the parent", v.ppid_is_parent);
	check_int("child sees the parent's memory", v.memory, 1);
	check_int("child's stores stay in the child", memory, 1);
	check_true("child reads an inherited fd", v.read_inherited);
	check_int("file offset shared with the child", lseek(fd, 0, SEEK_CUR), 3);
	check_true("child's close leaves the parent's fd", fcntl(fd, F_GETFD) != -1);
	check_int("child's umask stays in the child", umask(022), 022);
	check_true("child's setrlimit stays in the child",
		   !getrlimit(RLIMIT_STACK, &smaller) && smaller.rlim_cur == stack.rlim_cur);
	check_true("child's chdir stays in the child",
		   getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, abi_dir));
	check_true("child in the parent's group", v.same_group);
	check_true("child in the parent's session", v.same_session);
	check_true("waitpid returns the child", waitpid(pid, &status, 0) == pid);
	check_true("exit status", exited_with(status, 42));
	check_errno("waitpid after reaping", waitpid(pid, &status, 0), ECHILD);
	check_errno("waitpid without children", waitpid(-1, &status, WNOHANG), ECHILD);
	check_errno("wait4 without children", syscall(SYS_wait4, -1, &status, 0, NULL), ECHILD);
	check_errno("wait4 bad options", syscall(SYS_wait4, -1, &status, 0x10000, NULL), EINVAL);
	close(fd);
}

/* The raw fork system call (glibc's fork() makes clone), ended by the raw exit. */
static void raw_fork_and_waitid(void)
{
	siginfo_t si;
	pid_t pid;
	int status = -1;

	fflush(stdout);
	pid = syscall(SYS_fork);
	if (pid == 0)
		syscall(SYS_exit, 7); /* the one thread, so the process */
	check_true("raw fork", pid > 0);
	memset(&si, 0, sizeof(si));
	check_ok("waitid WNOWAIT", waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	check_true("waitid siginfo", si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
					     si.si_pid == pid && si.si_status == 7);
	/* Now known to have ended, so WNOHANG must find it. */
	memset(&si, 0, sizeof(si));
	check_ok("waitid WNOHANG after WNOWAIT", waitid(P_ALL, 0, &si, WEXITED | WNOHANG));
	check_true("waitid WNOWAIT left the child", si.si_pid == pid && si.si_status == 7);
	check_errno("waitid after reaping", waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	check_errno("waitid no event type", syscall(SYS_waitid, P_ALL, 0, &si, 0, NULL), EINVAL);
	check_errno("waitid bad id type", syscall(SYS_waitid, 42, 0, &si, WEXITED, NULL), EINVAL);

	/* exit_group keeps the low 8 bits of the status; WNOHANG once ended. */
	pid = fork_flushed();
	if (pid == 0)
		_exit(0x105);
	memset(&si, 0, sizeof(si));
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	check_true("waitpid WNOHANG ended child", waitpid(pid, &status, WNOHANG) == pid);
	check_true("exit status low 8 bits", exited_with(status, 5));
}

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static short pidfd_events(int fd, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, timeout_ms) < 0 ? -1 : p.revents;
}

/* pidfd_open of a child and of itself, pidfd_send_signal, waitid's P_PIDFD. */
static void pidfds(void)
{
	siginfo_t si, wrong = {.si_signo = SIGUSR2, .si_code = SI_QUEUE};
	int fd, self, p[2];
	pid_t pid;

	pid = fork_flushed();
	if (pid == 0)
		_exit(9);
	fd = syscall(SYS_pidfd_open, pid, 0);
	check_true("pidfd_open of a child", fd >= 0);
	check_int("pidfd close-on-exec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	check_int("pidfd O_RDWR", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	check_int("pidfd readable once the child has ended", pidfd_events(fd, 5000), POLLIN);
	check_ok("pidfd_send_signal 0 to an ended child", syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	memset(&si, 0, sizeof(si));
	check_ok("waitid P_PIDFD", waitid(P_PIDFD, fd, &si, WEXITED));
	check_true("waitid P_PIDFD siginfo", si.si_pid == pid && si.si_status == 9);
	check_int("pidfd hung up once waited for", pidfd_events(fd, 0), POLLIN | POLLHUP);
	check_errno("pidfd_send_signal after waiting", syscall(SYS_pidfd_send_signal, fd, SIGTERM,
							       NULL, 0), ESRCH);
	check_errno("waitid P_PIDFD again", waitid(P_PIDFD, fd, &si, WEXITED), ECHILD);
	close(fd);

	self = syscall(SYS_pidfd_open, getpid(), O_NONBLOCK); /* PIDFD_NONBLOCK */
	check_true("pidfd_open of itself, non-blocking", self >= 0 && (fcntl(self, F_GETFL) & O_NONBLOCK));
	check_int("own pidfd not readable", pidfd_events(self, 0), 0);
	check_ok("pidfd_send_signal 0 to itself", syscall(SYS_pidfd_send_signal, self, 0, NULL, 0));
	check_errno("pidfd_send_signal info for another signal",
		    syscall(SYS_pidfd_send_signal, self, SIGUSR1, &wrong, 0), EINVAL);
	check_errno("pidfd_send_signal bad flags", syscall(SYS_pidfd_send_signal, self, 0, NULL, 8),
		    EINVAL);
	check_errno("pidfd_send_signal bad signal", syscall(SYS_pidfd_send_signal, self, 100, NULL, 0),
		    EINVAL);
	check_ok("pipe for pidfd refusals", pipe(p));
	check_errno("pidfd_send_signal not a pidfd", syscall(SYS_pidfd_send_signal, p[0], 0, NULL, 0),
		    EBADF);
	check_errno("waitid P_PIDFD not a pidfd", waitid(P_PIDFD, p[0], &si, WEXITED), EBADF);
	close(p[0]);
	close(p[1]);
	close(self);
	check_errno("pidfd_open pid 0", syscall(SYS_pidfd_open, 0, 0), EINVAL);
	check_errno("pidfd_open bad flags", syscall(SYS_pidfd_open, getpid(), 1), EINVAL);
	check_errno("pidfd_open no such pid", syscall(SYS_pidfd_open, 0x3fffffff, 0), ESRCH);
}

/* Several children: waitpid(-1) collects each once, whatever the order. */
static void several(void)
{
	pid_t pids[3];
	int i, j, status, seen = 0, found = 0;

	for (i = 0; i < 3; i++) {
		pids[i] = fork_flushed();
		if (pids[i] == 0)
			_exit(i + 1);
	}
	check_true("three children", pids[0] > 0 && pids[1] > 0 && pids[2] > 0 &&
					     pids[0] != pids[1] && pids[1] != pids[2] &&
					     pids[0] != pids[2]);
	check_true("waitpid a given child",
		   waitpid(pids[1], &status, 0) == pids[1] && exited_with(status, 2));
	for (i = 0; i < 2; i++) {
		pid_t pid = waitpid(-1, &status, 0);

		for (j = 0; j < 3; j++) {
			if (pid == pids[j] && exited_with(status, j + 1)) {
				seen |= 1 << j;
				found++;
			}
		}
	}
	check_true("waitpid -1 collects the others", found == 2 && seen == 5);
	check_errno("then none left", waitpid(-1, &status, 0), ECHILD);
}

/* A grandchild's parent is the child, which waits for it as any parent. */
static void nested(void)
{
	struct {
		int forked, grandchild_ppid, grandchild_status;
	} v = {0};
	int p[2], status = -1;
	pid_t pid;

	check_ok("pipe for nesting", pipe2(p, O_CLOEXEC));
	pid = fork_flushed();
	if (pid == 0) {
		pid_t me = getpid(), grandchild = fork();
		int waited, st = -1;

		if (grandchild == 0)
			_exit(getppid() == me ? 5 : 6);
		v.forked = grandchild > 0;
		waited = waitpid(grandchild, &st, 0) == grandchild;
		v.grandchild_status = waited && WIFEXITED(st);
		v.grandchild_ppid = waited && exited_with(st, 5);
		_exit(write(p[1], &v, sizeof(v)) == sizeof(v) ? 9 : 100);
	}
	check_true("nested report", report(p, &v, sizeof(v)));
	check_true("child forks", v.forked);
	check_true("child waits for the grandchild", v.grandchild_status);
	check_true("grandchild's getppid is the child", v.grandchild_ppid);
	check_true("nested exit status", waitpid(pid, &status, 0) == pid && exited_with(status, 9));
	check_errno("grandchild is not the parent's", waitpid(-1, &status, WNOHANG), ECHILD);
}

/*
 * vfork: the parent resumes once the child has ended; until then the child
 * runs in the parent's memory (Linux documents this), and does nothing but
 * a store and _exit.
 */
static volatile int vfork_memory;

static pid_t vfork_child(void)
{
	pid_t pid;

	vfork_memory = 1;
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		vfork_memory = 2;
		_exit(3);
	}
	return pid;
}

static void vforks(void)
{
	pid_t pid = vfork_child();
	int status = -1;

	check_true("vfork", pid > 0 && pid != getpid());
	check_int("vfork child's store seen by the parent", vfork_memory, 2);
	check_true("vfork waitpid", waitpid(pid, &status, 0) == pid);
	check_true("vfork exit status", exited_with(status, 3));
}

/* Groups and sessions change only in children: the test's own stay as they are. */
static void groups_and_sessions(void)
{
	struct {
		int set, leader, again, no_session, no_setsid_again, no_setpgid;
	} v = {0};
	pid_t pgrp = getpgrp(), sid = getsid(0), pid;
	int p[2], status = -1;
	siginfo_t si;

	check_ok("pipe for groups", pipe2(p, O_CLOEXEC));
	pid = fork_flushed();
	if (pid == 0) {
		pid_t me = getpid();

		v.set = setpgid(0, 0) == 0;
		v.leader = getpgrp() == me && getpgid(0) == me;
		v.again = setpgid(0, me) == 0;
		/* A group leader may not start a session: its group would be split. */
		v.no_session = setsid() == -1 && errno == EPERM;
		_exit(write(p[1], &v, sizeof(v)) == sizeof(v) ? 0 : 100);
	}
	check_true("setpgid report", report(p, &v, sizeof(v)));
	check_true("setpgid in child", v.set);
	check_true("child leads its new group", v.leader);
	check_true("setpgid to own group again", v.again);
	check_true("group leader cannot setsid", v.no_session);
	check_true("parent's group unchanged", getpgrp() == pgrp);
	/* The caller's group only (waitpid(0) too): this child left it.  WNOWAIT reaps nothing. */
	check_errno("waitid own group skips a child in another group",
		    waitid(P_PGID, 0, &si, WEXITED | WNOHANG | WNOWAIT), ECHILD);
	check_true("waitpid -pgid finds it", waitpid(-pid, &status, 0) == pid);
	check_true("setpgid child status", exited_with(status, 0));

	memset(&v, 0, sizeof(v));
	check_ok("pipe for sessions", pipe2(p, O_CLOEXEC));
	pid = fork_flushed();
	if (pid == 0) {
		pid_t me = getpid();

		v.set = setsid() == me;
		v.leader = getsid(0) == me && getpgrp() == me;
		v.no_setsid_again = setsid() == -1 && errno == EPERM;
		/* A session leader stays in its group. */
		v.no_setpgid = setpgid(0, 0) == -1 && errno == EPERM;
		_exit(write(p[1], &v, sizeof(v)) == sizeof(v) ? 0 : 100);
	}
	check_true("setsid report", report(p, &v, sizeof(v)));
	check_true("setsid in child", v.set);
	check_true("child leads its session and group", v.leader);
	check_true("setsid twice", v.no_setsid_again);
	check_true("session leader cannot setpgid", v.no_setpgid);
	check_true("parent's session unchanged", getsid(0) == sid && getpgrp() == pgrp);
	check_true("setsid child status",
		   waitpid(pid, &status, 0) == pid && exited_with(status, 0));
	check_errno("setpgid negative group", setpgid(0, -1), EINVAL);
	check_errno("setpgid no such process", setpgid(0x3fffffff, 0), ESRCH);
}

/* What the program sees when started again by execve (see exec_child). */
struct exec_view {
	int pid, ppid, args, env, kept_open, cloexec_closed, ignored_kept, handler_reset, mask_kept,
		comm;
};

#define EXEC_REPORT_FD	100
#define EXEC_CLOEXEC_FD 101
#define ABI_ST_NOEXEC	8 /* statfs f_flags */

static void handler(int sig)
{
	(void)sig;
}

/* The program as execve started it in a child: report on EXEC_REPORT_FD, then end. */
static int exec_child(int argc, char **argv)
{
	extern char **environ;
	struct exec_view v = {0};
	struct sigaction sa;
	sigset_t set;
	char comm[16] = "";

	v.pid = getpid();
	v.ppid = getppid();
	v.args = argc == 3 && !strcmp(argv[0], "fork") && !strcmp(argv[2], "two words");
	v.env = environ && environ[0] && !environ[1] && !strcmp(environ[0], "ABI_EXEC=yes") &&
		getenv("ABI_EXEC");
	v.kept_open = fcntl(EXEC_REPORT_FD, F_GETFD) == 0;
	v.cloexec_closed = fcntl(EXEC_CLOEXEC_FD, F_GETFD) == -1 && errno == EBADF;
	/* Ignored stays ignored, a handler is gone with the old program; the mask stays. */
	v.ignored_kept = sigaction(SIGUSR1, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN;
	v.handler_reset = sigaction(SIGUSR2, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL;
	v.mask_kept = sigprocmask(SIG_BLOCK, NULL, &set) == 0 && sigismember(&set, SIGUSR2) == 1;
	/* The task is named after the path given to execve. */
	v.comm = syscall(SYS_prctl, PR_GET_NAME, comm, 0, 0, 0) == 0 && !strcmp(comm, "exe");
	return write(EXEC_REPORT_FD, &v, sizeof(v)) == sizeof(v) ? 12 : 100;
}

static void execs(void)
{
	static char *const args[] = {"fork", "exec-child", "two words", NULL};
	static char *const env[] = {"ABI_EXEC=yes", NULL};
	struct exec_view v = {0};
	struct sigaction sa = {.sa_handler = handler};
	pid_t parent = getpid(), pid;
	int p[2], status = -1, noexec;
	struct statfs fs;

	check_ok("pipe for exec", pipe2(p, O_CLOEXEC));
	pid = fork_flushed();
	if (pid == 0) {
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		if (dup2(p[1], EXEC_REPORT_FD) != EXEC_REPORT_FD ||
		    dup3(p[1], EXEC_CLOEXEC_FD, O_CLOEXEC) != EXEC_CLOEXEC_FD ||
		    signal(SIGUSR1, SIG_IGN) == SIG_ERR || sigaction(SIGUSR2, &sa, NULL) != 0 ||
		    sigprocmask(SIG_BLOCK, &set, NULL) != 0)
			_exit(101);
		execve("/proc/self/exe", args, env);
		_exit(102);
	}
	check_true("exec report", report(p, &v, sizeof(v)));
	check_true("exec keeps the pid", v.pid == pid);
	check_true("exec keeps the parent", v.ppid == parent);
	check_true("exec passes argv", v.args);
	check_true("exec passes envp", v.env);
	check_true("exec keeps fds", v.kept_open);
	check_true("exec closes O_CLOEXEC fds", v.cloexec_closed);
	check_true("exec keeps ignored signals", v.ignored_kept);
	check_true("exec resets handled signals", v.handler_reset);
	check_true("exec keeps the signal mask", v.mask_kept);
	check_true("exec names the task", v.comm);
	check_true("exec'd program's status",
		   waitpid(pid, &status, 0) == pid && exited_with(status, 12));

	/* Refused before the point of no return: the caller goes on. */
	make_file("text", "just text\n", 10);
	check_errno("execve missing", execve("missing", args, env), ENOENT);
	check_errno("execve not executable", execve("text", args, env), EACCES);
	check_ok("chmod text", chmod("text", 0755));
	/* Neither ELF nor "#!" (unless the scratch file system is mounted noexec). */
	noexec = statfs(".", &fs) == 0 && (fs.f_flags & ABI_ST_NOEXEC);
	check_errno("execve unknown format", execve("text", args, env), noexec ? EACCES : ENOEXEC);
	check_errno("execve directory", execve(".", args, env), EACCES);
}

/* Where the program, its stack and its mappings went: what ASLR varies. */
struct layout_view {
	unsigned int personality;
	uintptr_t code, stack, mapping;
};

/* execveat's child (argv[1] "layout-child"): report the layout on EXEC_REPORT_FD. */
static int layout_child(void)
{
	struct layout_view v = {.personality = personality(0xffffffff)};
	void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	v.code = (uintptr_t)layout_child;
	v.stack = (uintptr_t)&v;
	v.mapping = (uintptr_t)m;
	return write(EXEC_REPORT_FD, &v, sizeof(v)) == sizeof(v) ? 13 : 100;
}

/*
 * Run this program again with execveat(dirfd, path, flags) in a child, its
 * personality set first; 1 if it ran and reported into *v.
 */
static int run_at(int dirfd, const char *path, int flags, unsigned int persona,
		  struct layout_view *v)
{
	static char *const args[] = {"fork", "layout-child", NULL};
	static char *const env[] = {NULL};
	int p[2], status = -1;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return 0;
	pid = fork_flushed();
	if (pid == 0) {
		if (dup2(p[1], EXEC_REPORT_FD) != EXEC_REPORT_FD || personality(persona) == -1)
			_exit(101);
		syscall(SYS_execveat, dirfd, path, args, env, flags);
		_exit(102);
	}
	return report(p, v, sizeof(*v)) && waitpid(pid, &status, 0) == pid &&
	       exited_with(status, 13);
}

/* This program copied into a memfd, as programs that run code they hold in memory do. */
static int memfd_copy_of_self(void)
{
	int in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	int fd = syscall(SYS_memfd_create, "self", 1U /* MFD_CLOEXEC */);
	char buf[65536];
	long n = 0;

	while (in >= 0 && fd >= 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		if (write(fd, buf, n) != n)
			break;
	}
	if (in >= 0)
		close(in);
	if (n != 0 && fd >= 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static void execs_at(void)
{
	static char *const args[] = {"fork", NULL};
	struct layout_view a, b;
	int dfd, self, text, dir, mfd;

	check_ok("symlink to the program", symlink("/proc/self/exe", "prog"));
	dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_true("execveat relative to a directory", run_at(dfd, "prog", 0, PER_LINUX, &a));
	self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	check_true("execveat AT_EMPTY_PATH (fexecve)",
		   run_at(self, "", AT_EMPTY_PATH, PER_LINUX, &a));
	check_int("personality kept across execve", a.personality, PER_LINUX);
	mfd = memfd_copy_of_self();
	check_true("fexecve of a memfd", mfd >= 0 && run_at(mfd, "", AT_EMPTY_PATH, PER_LINUX, &a));
	close(mfd);
	check_true("ADDR_NO_RANDOMIZE run",
		   run_at(AT_FDCWD, "/proc/self/exe", 0, PER_LINUX | ADDR_NO_RANDOMIZE, &a));
	check_int("ADDR_NO_RANDOMIZE kept across execve", a.personality,
		  PER_LINUX | ADDR_NO_RANDOMIZE);
	check_true("ADDR_NO_RANDOMIZE run again",
		   run_at(self, "", AT_EMPTY_PATH, PER_LINUX | ADDR_NO_RANDOMIZE, &b));
	check_true("ADDR_NO_RANDOMIZE: the same layout twice",
		   a.code == b.code && a.stack == b.stack && a.mapping == b.mapping);

	/* Refused before the point of no return: the caller goes on. */
	make_file("plain", "just text\n", 10);
	text = open("plain", O_RDONLY | O_CLOEXEC);
	dir = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_errno("execveat bad flags", syscall(SYS_execveat, dfd, "prog", args, NULL, 0x10),
		    EINVAL);
	check_errno("execveat empty path without AT_EMPTY_PATH",
		    syscall(SYS_execveat, self, "", args, NULL, 0), ENOENT);
	check_errno("execveat AT_SYMLINK_NOFOLLOW on a symlink",
		    syscall(SYS_execveat, dfd, "prog", args, NULL, AT_SYMLINK_NOFOLLOW), ELOOP);
	check_errno("execveat bad dirfd", syscall(SYS_execveat, 77, "prog", args, NULL, 0), EBADF);
	check_errno("execveat AT_EMPTY_PATH bad fd",
		    syscall(SYS_execveat, 77, "", args, NULL, AT_EMPTY_PATH), EBADF);
	check_errno("execveat dirfd not a directory",
		    syscall(SYS_execveat, text, "prog", args, NULL, 0), ENOTDIR);
	check_errno("execveat missing", syscall(SYS_execveat, dfd, "missing", args, NULL, 0),
		    ENOENT);
	check_errno("execveat not executable", syscall(SYS_execveat, dfd, "plain", args, NULL, 0),
		    EACCES);
	check_errno("fexecve of a text file",
		    syscall(SYS_execveat, text, "", args, NULL, AT_EMPTY_PATH), EACCES);
	check_errno("fexecve of a directory",
		    syscall(SYS_execveat, dir, "", args, NULL, AT_EMPTY_PATH), EACCES);
	close(dir);
	close(text);
	close(self);
	close(dfd);
	unlink("plain");
	unlink("prog");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "layout-child"))
		return layout_child();
	abi_begin("fork");
	basics();
	raw_fork_and_waitid();
	pidfds();
	several();
	nested();
	vforks();
	groups_and_sessions();
	execs();
	execs_at();
	return abi_end();
}
