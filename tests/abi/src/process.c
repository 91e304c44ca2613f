// SPDX-License-Identifier: MIT
/*
 * The process and its limits: pid/ppid/tid, the uid and gid families
 * (consistency, never values; only changes to the current ids), uname,
 * sethostname/setdomainname refusals, sysinfo, getrlimit/setrlimit/prlimit64,
 * getrusage, times, getrandom, umask, prctl (the task's name and a few
 * flags), the robust-futex list, sched_yield, sched_getaffinity, getcpu,
 * scheduling policies and parameters, nice values (get/setpriority),
 * sched_rr_get_interval, I/O priorities, personality, capabilities (capget/capset) and
 * membarrier.  What would change more than this process (a process group's
 * nice value, scheduling classes, capabilities given up) is done in a forked
 * child that reports through its exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

static void ids(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg, groups[256];
	pid_t pid = getpid();
	int n;

	check_true("getpid positive", pid > 0);
	check_true("getpid stable", getpid() == pid && syscall(SYS_getpid) == pid);
	check_true("getppid not self", getppid() >= 0 && getppid() != pid);
	check_true("gettid is pid when single-threaded", syscall(SYS_gettid) == pid);
	/* Zero for a first process that never made a session (pid 1). */
	check_true("getpgrp", getpgrp() >= 0 && getpgid(0) == getpgrp());
	check_true("getsid", getsid(0) >= 0);

	check_ok("getresuid", getresuid(&r, &e, &s));
	check_true("uid family consistent", r == getuid() && e == geteuid());
	check_ok("getresgid", getresgid(&rg, &eg, &sg));
	check_true("gid family consistent", rg == getgid() && eg == getegid());
	n = getgroups(0, NULL);
	check_true("getgroups count", n >= 0 && n <= 256);
	check_int("getgroups list", getgroups(256, groups), n);
	check_errno("getgroups negative size", syscall(SYS_getgroups, -1L, groups), EINVAL);
	check_ok("setuid to self", setuid(getuid()));
	check_true("setuid to self keeps uid", getuid() == r && geteuid() == e);
}

static int cmp_gid(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return x < y ? -1 : x > y;
}

/* Refused without privilege (EPERM) or, with it, for the reason given (WANT). */
static void check_refused(const char *name, long ret, int want)
{
	int e = errno;

	if (ret != -1)
		check(name, 0, "returned %ld, want -1", ret);
	else
		check(name, e == want || e == EPERM, "errno %s, want %s or EPERM", errname(e),
		      errname(want));
}

/*
 * Set-id calls, raw (libcs may pick other calls or broadcast to threads):
 * only "no change" (-1) and the current values, which anyone may set, so
 * the process, let alone the machine, ends as it started.
 */
static void id_changes(void)
{
	uid_t r, e, s, r2, e2, s2;
	gid_t rg, eg, sg, rg2, eg2, sg2, before[256], after[256];
	int n, m;
	long ret;

	getresuid(&r, &e, &s);
	getresgid(&rg, &eg, &sg);
	check_ok("setresuid no change", syscall(SYS_setresuid, -1, -1, -1));
	check_ok("setresgid no change", syscall(SYS_setresgid, -1, -1, -1));
	check_ok("setreuid no change", syscall(SYS_setreuid, -1, -1));
	check_ok("setregid no change", syscall(SYS_setregid, -1, -1));
	/* setre*id may set the saved id to the effective one: setres*id puts it back. */
	check_ok("setreuid to current", syscall(SYS_setreuid, r, e));
	check_ok("setregid to current", syscall(SYS_setregid, rg, eg));
	check_ok("setresuid to current", syscall(SYS_setresuid, r, e, s));
	check_ok("setresgid to current", syscall(SYS_setresgid, rg, eg, sg));
	if (rg == eg && eg == sg)
		check_ok("setgid to self", syscall(SYS_setgid, rg));
	else
		check_true("setgid to self", 1);
	getresuid(&r2, &e2, &s2);
	getresgid(&rg2, &eg2, &sg2);
	check_true("uids unchanged", r2 == r && e2 == e && s2 == s);
	check_true("gids unchanged", rg2 == rg && eg2 == eg && sg2 == sg);

	/* -1 is never a valid id: nothing changes and the current fsuid comes back. */
	check_int("setfsuid query is euid", syscall(SYS_setfsuid, -1), e);
	check_int("setfsgid query is egid", syscall(SYS_setfsgid, -1), eg);
	check_int("setfsuid to euid returns old", syscall(SYS_setfsuid, e), e);
	check_int("setfsgid to egid returns old", syscall(SYS_setfsgid, eg), eg);

	n = getgroups(256, before);
	ret = syscall(SYS_setgroups, (long)n, before);
	check("setgroups current list", ret == 0 || (ret == -1 && errno == EPERM),
	      "returned %ld (%s)", ret, errname(errno));
	m = getgroups(256, after);
	qsort(before, n > 0 ? n : 0, sizeof(gid_t), cmp_gid);
	qsort(after, m > 0 ? m : 0, sizeof(gid_t), cmp_gid);
	check_true("setgroups keeps the list",
		   n >= 0 && m == n && memcmp(before, after, n * sizeof(gid_t)) == 0);
	check_refused("setgroups negative size", syscall(SYS_setgroups, -1L, before), EINVAL);
	check_refused("setgroups too many", syscall(SYS_setgroups, 65537L, before), EINVAL);
}

/* Only lengths no kernel accepts: the names stay as they are. */
static void names_refused(void)
{
	struct utsname before, after;
	char name[128];

	memset(name, 'n', sizeof(name));
	uname(&before);
	check_refused("sethostname negative length", syscall(SYS_sethostname, name, -1L), EINVAL);
	check_refused("sethostname too long", syscall(SYS_sethostname, name, 65L), EINVAL);
	check_refused("setdomainname negative length", syscall(SYS_setdomainname, name, -1L),
		      EINVAL);
	check_refused("setdomainname too long", syscall(SYS_setdomainname, name, 65L), EINVAL);
	uname(&after);
	check_true("names unchanged", !strcmp(before.nodename, after.nodename) &&
					      !strcmp(before.domainname, after.domainname));
}

static void system_info(void)
{
	struct utsname u;
	struct sysinfo si;

	check_ok("uname", uname(&u));
	check_str("uname sysname", u.sysname, "Linux");
	check_str("uname machine", u.machine, "x86_64");
	check_true("uname release starts with a digit", u.release[0] >= '0' && u.release[0] <= '9');
	check_true("uname strings terminated", memchr(u.nodename, 0, sizeof(u.nodename)) &&
						       memchr(u.version, 0, sizeof(u.version)));

	check_ok("sysinfo", sysinfo(&si));
	check_true("sysinfo uptime", (long)si.uptime >= 0);
	check_true("sysinfo memory",
		   si.mem_unit >= 1 && si.totalram > 0 && si.freeram <= si.totalram);
	check_true("sysinfo procs", si.procs >= 1);
	check_true("sysinfo nprocs", get_nprocs() >= 1 && get_nprocs_conf() >= get_nprocs());
}

struct abi_rlimit64 {
	uint64_t cur, max;
};

static void limits(void)
{
	struct rlimit rl, orig, tmp;
	struct abi_rlimit64 n, o;

	check_ok("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &orig));
	check_true("NOFILE soft <= hard", orig.rlim_cur <= orig.rlim_max && orig.rlim_cur >= 64);
	rl = (struct rlimit){.rlim_cur = 64, .rlim_max = orig.rlim_max};
	check_ok("setrlimit NOFILE", setrlimit(RLIMIT_NOFILE, &rl));
	check_ok("getrlimit after set", getrlimit(RLIMIT_NOFILE, &tmp));
	check_int("setrlimit round trip", tmp.rlim_cur, 64);
	check_true("setrlimit keeps hard", tmp.rlim_max == orig.rlim_max);
	check_ok("prlimit64 get", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &o));
	check_true("prlimit64 agrees", o.cur == 64 && o.max == (uint64_t)orig.rlim_max);
	n = (struct abi_rlimit64){.cur = 48, .max = orig.rlim_max};
	check_ok("prlimit64 set", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &n, &o));
	check_int("prlimit64 returns old", o.cur, 64);
	check_ok("getrlimit after prlimit64", getrlimit(RLIMIT_NOFILE, &tmp));
	check_int("prlimit64 round trip", tmp.rlim_cur, 48);
	rl = (struct rlimit){.rlim_cur = orig.rlim_max, .rlim_max = orig.rlim_max};
	if (orig.rlim_max != RLIM_INFINITY) {
		rl.rlim_cur = orig.rlim_max;
		rl.rlim_max = orig.rlim_max - 1;
		check_errno("setrlimit soft above hard", syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl),
			    EINVAL);
	} else {
		check_true("setrlimit soft above hard", 1);
	}
	check_ok("setrlimit restore", setrlimit(RLIMIT_NOFILE, &orig));
	check_ok("getrlimit restored", getrlimit(RLIMIT_NOFILE, &tmp));
	check_true("restored", tmp.rlim_cur == orig.rlim_cur);
	check_errno("getrlimit bad resource", syscall(SYS_getrlimit, 9999, &tmp), EINVAL);
	check_ok("getrlimit STACK", getrlimit(RLIMIT_STACK, &tmp));
	check_true("STACK limit sane", tmp.rlim_cur >= 64 * 1024 && tmp.rlim_cur <= tmp.rlim_max);
	check_ok("getrlimit AS", getrlimit(RLIMIT_AS, &tmp));
	check_ok("getrlimit DATA", getrlimit(RLIMIT_DATA, &tmp));
}

static void usage(void)
{
	struct rusage ru;
	struct tms t;
	struct timespec a, b;
	clock_t c;
	volatile unsigned long spin = 0;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	do {
		spin++;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	} while ((b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec < 50000000L);

	check_ok("getrusage self", getrusage(RUSAGE_SELF, &ru));
	check_true("getrusage times well-formed",
		   ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
			   ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);
	check_true("getrusage counts busy time",
		   (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec +
				   ru.ru_stime.tv_usec >=
			   25000);
	check_true("getrusage maxrss", ru.ru_maxrss > 0);
	check_ok("getrusage children", getrusage(RUSAGE_CHILDREN, &ru));
	check_true("no children time", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0 &&
					       ru.ru_stime.tv_sec == 0 && ru.ru_stime.tv_usec == 0);
	check_ok("getrusage thread", getrusage(RUSAGE_THREAD, &ru));
	check_errno("getrusage bad who", syscall(SYS_getrusage, 42, &ru), EINVAL);

	c = times(&t);
	check_true("times", c != (clock_t)-1);
	check_true("times counts busy time", t.tms_utime + t.tms_stime >= 2);
	check_true("times no children", t.tms_cutime == 0 && t.tms_cstime == 0);
}

static void randomness(void)
{
	unsigned char a[64], b[64], big[1024];
	int i, nz;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	check_int("getrandom fills", syscall(SYS_getrandom, a, sizeof(a), 0), sizeof(a));
	check_int("getrandom again", syscall(SYS_getrandom, b, sizeof(b), 0), sizeof(b));
	for (nz = 0, i = 0; i < 64; i++)
		nz += a[i] != 0;
	check_true("getrandom not all zero", nz > 0);
	check_true("getrandom differs between calls", memcmp(a, b, sizeof(a)) != 0);
	check_int("getrandom nonblock",
		  syscall(SYS_getrandom, big, sizeof(big), 1 /* GRND_NONBLOCK */), sizeof(big));
	check_int("getrandom zero bytes", syscall(SYS_getrandom, big, 0, 0), 0);
	check_errno("getrandom bad flags", syscall(SYS_getrandom, big, 8, 0x1000), EINVAL);
}

static void misc(void)
{
	cpu_set_t set;
	mode_t old;
	struct stat st;
	int fd;

	old = umask(027);
	check_int("umask returns previous", umask(old), 027);
	check_int("umask round trip", umask(old), old);
	umask(022);
	fd = open("umasked", O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	check_ok("create under umask", fd);
	check_ok("fstat under umask", fstat(fd, &st));
	check_int("umask applied to create", st.st_mode & 0777, 0644);
	close(fd);
	umask(old);

	check_ok("sched_yield", sched_yield());
	CPU_ZERO(&set);
	check_ok("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set));
	check_true("sched_getaffinity at least one CPU", CPU_COUNT(&set) >= 1);
	check_true("raw sched_getaffinity returns mask size",
		   syscall(SYS_sched_getaffinity, 0, sizeof(set), &set) > 0);
	check_ok("sched_setaffinity same mask", sched_setaffinity(0, sizeof(set), &set));
	check_errno("sched_getaffinity no such pid",
		    syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof(set), &set), ESRCH);
	/* Raw: musl's sched_getscheduler() is a stub that fails with ENOSYS. */
	check_int("sched_getscheduler", syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
}

/* Raw: musl's and glibc's prctl() are variadic wrappers. */
static void task_settings(void)
{
	char orig[16] = "", name[32];
	int sig = -1;

	check_ok("PR_GET_NAME", syscall(SYS_prctl, PR_GET_NAME, orig, 0, 0, 0));
	/* The task is named after the program at exec. */
	check_str("task named after the program", orig, "process");
	check_ok("PR_SET_NAME", syscall(SYS_prctl, PR_SET_NAME, "abi-a-rather-long-name", 0, 0, 0));
	memset(name, 'x', sizeof(name));
	check_ok("PR_GET_NAME after set", syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0));
	check_str("PR_SET_NAME keeps 15 bytes", name, "abi-a-rather-lo");
	check_ok("PR_SET_NAME restore", syscall(SYS_prctl, PR_SET_NAME, orig, 0, 0, 0));
	check_int("PR_GET_DUMPABLE", syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	/* Cleared by fork, and the test was forked to run. */
	check_ok("PR_GET_PDEATHSIG", syscall(SYS_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	check_int("no parent-death signal", sig, 0);
	check_errno("prctl bad option", syscall(SYS_prctl, 0x7fff0000, 0, 0, 0, 0), EINVAL);
}

/* struct robust_list_head, as the kernel reads it. */
struct abi_robust_head {
	void *next;
	long futex_offset;
	void *pending;
};

static void robust_list(void)
{
	static struct abi_robust_head mine = {.next = &mine};
	void *head = NULL, *seen = NULL, *own = NULL;
	size_t len = 0, len2 = 0;
	long set, got, restored;

	check_ok("get_robust_list", syscall(SYS_get_robust_list, 0, &head, &len));
	/* The size of the kernel's structure, whether a list was registered or not. */
	check_int("get_robust_list length", len, sizeof(struct abi_robust_head));
	/* The C library's own list goes back before anything else runs. */
	set = syscall(SYS_set_robust_list, &mine, sizeof(mine));
	got = syscall(SYS_get_robust_list, 0, &seen, &len2);
	restored = syscall(SYS_set_robust_list, head, sizeof(mine));
	check_ok("set_robust_list", set);
	check_ok("get_robust_list after set", got);
	check_true("get_robust_list returns what was set", seen == &mine && len2 == sizeof(mine));
	check_ok("set_robust_list restore", restored);
	check_ok("get_robust_list own pid", syscall(SYS_get_robust_list, getpid(), &own, &len2));
	check_true("get_robust_list restored", own == head);
	check_errno("get_robust_list no such pid",
		    syscall(SYS_get_robust_list, 0x3fffffff, &own, &len2), ESRCH);
	check_errno("set_robust_list bad size", syscall(SYS_set_robust_list, &mine, 8), EINVAL);
}

/*
 * Scheduling, through raw calls (musl's sched_getparam and friends are stubs):
 * priority ranges, the parameters of SCHED_OTHER, a round trip through
 * SCHED_BATCH (allowed to anyone) and back.
 */
static void scheduling(void)
{
	static const struct {
		int policy, min, max;
		const char *name;
	} ranges[] = {
		{SCHED_OTHER, 0, 0, "OTHER"}, {SCHED_FIFO, 1, 99, "FIFO"}, {SCHED_RR, 1, 99, "RR"},
		{SCHED_BATCH, 0, 0, "BATCH"}, {SCHED_IDLE, 0, 0, "IDLE"},
	};
	struct sched_param zero = {0}, five = {.sched_priority = 5}, p;
	cpu_set_t set;
	unsigned int cpu = ~0U, node = ~0U;
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		snprintf(name, sizeof(name), "sched_get_priority_min %s", ranges[i].name);
		check_int(name, syscall(SYS_sched_get_priority_min, ranges[i].policy),
			  ranges[i].min);
		snprintf(name, sizeof(name), "sched_get_priority_max %s", ranges[i].name);
		check_int(name, syscall(SYS_sched_get_priority_max, ranges[i].policy),
			  ranges[i].max);
	}
	check_errno("sched_get_priority_min bad policy", syscall(SYS_sched_get_priority_min, 42),
		    EINVAL);
	check_errno("sched_get_priority_max bad policy", syscall(SYS_sched_get_priority_max, 42),
		    EINVAL);

	p.sched_priority = 7;
	check_ok("sched_getparam", syscall(SYS_sched_getparam, 0, &p));
	check_int("sched_getparam priority", p.sched_priority, 0);
	check_errno("sched_getparam no such pid", syscall(SYS_sched_getparam, 0x3fffffff, &p),
		    ESRCH);
	check_errno("sched_getparam negative pid", syscall(SYS_sched_getparam, -1, &p), EINVAL);
	check_errno("sched_getparam NULL", syscall(SYS_sched_getparam, 0, NULL), EINVAL);
	check_ok("sched_setparam same", syscall(SYS_sched_setparam, 0, &zero));
	check_errno("sched_setparam priority for SCHED_OTHER",
		    syscall(SYS_sched_setparam, 0, &five), EINVAL);
	check_errno("sched_setparam no such pid", syscall(SYS_sched_setparam, 0x3fffffff, &zero),
		    ESRCH);

	check_ok("sched_setscheduler OTHER",
		 syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &zero));
	check_ok("sched_setscheduler BATCH",
		 syscall(SYS_sched_setscheduler, 0, SCHED_BATCH, &zero));
	check_int("sched_getscheduler BATCH", syscall(SYS_sched_getscheduler, 0), SCHED_BATCH);
	check_ok("sched_setscheduler back", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &zero));
	check_int("sched_getscheduler back", syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
	check_errno("sched_setscheduler bad policy", syscall(SYS_sched_setscheduler, 0, 42, &zero),
		    EINVAL);
	check_errno("sched_setscheduler OTHER with priority",
		    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &five), EINVAL);
	check_errno("sched_setscheduler NULL",
		    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL), EINVAL);
	check_errno("sched_setscheduler no such pid",
		    syscall(SYS_sched_setscheduler, 0x3fffffff, SCHED_OTHER, &zero), ESRCH);

	/* Raw: glibc's sched_getcpu() may read rseq or the vDSO instead. */
	check_ok("getcpu", syscall(SYS_getcpu, &cpu, &node, NULL));
	CPU_ZERO(&set);
	sched_getaffinity(0, sizeof(set), &set);
	check_true("getcpu within affinity", cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set));
	check_true("getcpu node set", node != ~0U);
	check_ok("getcpu NULL pointers", syscall(SYS_getcpu, NULL, NULL, NULL));
}

/* Run fn in a forked child: its return value (0: all well) as the child's exit status. */
static int in_child(int (*fn)(void))
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int nice_of_child;

static int report_nice(void)
{
	errno = 0;
	return getpriority(PRIO_PROCESS, 0) == nice_of_child && !errno ? 0 : 1;
}

/* In a session of its own, the child's group is itself alone. */
static int group_nice(void)
{
	int nice = getpriority(PRIO_PROCESS, 0) + 1;

	if (setsid() < 0)
		return 1;
	if (syscall(SYS_setpriority, PRIO_PGRP, 0, nice) != 0)
		return 2;
	if (syscall(SYS_getpriority, PRIO_PGRP, 0) != 20 - nice)
		return 3;
	if (syscall(SYS_getpriority, PRIO_PGRP, getpgrp()) != 20 - nice)
		return 4;
	return getpriority(PRIO_PROCESS, 0) == nice ? 0 : 5;
}

/* Nice values: the raw call answers 20 - nice, so that no success is negative. */
static void priorities(void)
{
	int nice, raw;

	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	check_true("getpriority", errno == 0 && nice >= -20 && nice < 19);
	raw = syscall(SYS_getpriority, PRIO_PROCESS, 0);
	check_int("getpriority raw is 20 - nice", raw, 20 - nice);
	check_int("getpriority own pid", syscall(SYS_getpriority, PRIO_PROCESS, getpid()), raw);
	check_true("getpriority own user", syscall(SYS_getpriority, PRIO_USER, 0) >= raw);
	check_errno("getpriority bad which", syscall(SYS_getpriority, 7, 0), EINVAL);
	check_errno("getpriority no such pid", syscall(SYS_getpriority, PRIO_PROCESS, 0x3fffffff),
		    ESRCH);
	check_ok("setpriority nicer", setpriority(PRIO_PROCESS, 0, nice + 1));
	check_int("getpriority after setpriority", syscall(SYS_getpriority, PRIO_PROCESS, 0),
		  19 - nice);
	nice_of_child = nice + 1;
	check_int("nice value inherited by fork", in_child(report_nice), 0);
	check_ok("setpriority back (root may)", setpriority(PRIO_PROCESS, getpid(), nice));
	check_int("getpriority restored", syscall(SYS_getpriority, PRIO_PROCESS, 0), raw);
	check_ok("setpriority clamps above 19", setpriority(PRIO_PROCESS, 0, 100));
	check_int("getpriority clamped", syscall(SYS_getpriority, PRIO_PROCESS, 0), 1);
	check_ok("setpriority back again", setpriority(PRIO_PROCESS, 0, nice));
	check_errno("setpriority bad which", syscall(SYS_setpriority, 7, 0, 0), EINVAL);
	check_errno("setpriority no such pid",
		    syscall(SYS_setpriority, PRIO_PROCESS, 0x3fffffff, 0), ESRCH);
	check_int("setpriority of a process group", in_child(group_nice), 0);
}

/* SCHED_RR's quantum is Linux's RR_TIMESLICE, 100 ms; the other classes have none. */
static int rr_interval(void)
{
	struct sched_param one = {.sched_priority = 1};
	struct timespec ts;

	if (syscall(SYS_sched_setscheduler, 0, SCHED_RR, &one) != 0)
		return 1;
	if (syscall(SYS_sched_rr_get_interval, 0, &ts) != 0)
		return 2;
	if (ts.tv_sec != 0 || ts.tv_nsec != 100000000)
		return 3;
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &one) != 0 ||
	    syscall(SYS_sched_rr_get_interval, 0, &ts) != 0)
		return 4;
	return ts.tv_sec == 0 && ts.tv_nsec == 0 ? 0 : 5;
}

static void round_robin(void)
{
	struct timespec ts = {7, 7};

	check_ok("sched_rr_get_interval", syscall(SYS_sched_rr_get_interval, 0, &ts));
	check_true("sched_rr_get_interval SCHED_OTHER", ts.tv_sec == 0 && ts.tv_nsec == 0);
	check_errno("sched_rr_get_interval negative pid",
		    syscall(SYS_sched_rr_get_interval, -1, &ts), EINVAL);
	check_errno("sched_rr_get_interval no such pid",
		    syscall(SYS_sched_rr_get_interval, 0x3fffffff, &ts), ESRCH);
	check_errno("sched_rr_get_interval bad pointer",
		    syscall(SYS_sched_rr_get_interval, 0, (void *)8), EFAULT);
	check_int("sched_rr_get_interval SCHED_RR and SCHED_FIFO", in_child(rr_interval), 0);
}

#define IOPRIO(class, data) ((class) << 13 | (data))
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP    2
#define IOPRIO_CLASS_NONE  0
#define IOPRIO_CLASS_BE	   2
#define IOPRIO_CLASS_IDLE  3

static int ioprio_of_child(void)
{
	return syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0) == IOPRIO(IOPRIO_CLASS_BE, 7) ? 0 : 1;
}

/* I/O priorities of this process only (a group's holds other processes natively). */
static void io_priorities(void)
{
	long own = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);

	check_true("ioprio_get", own >= 0);
	check_ok("ioprio_set idle", syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
					    IOPRIO(IOPRIO_CLASS_IDLE, 0)));
	check_int("ioprio_get after set", syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, getpid()),
		  IOPRIO(IOPRIO_CLASS_IDLE, 0));
	check_ok("ioprio_set best-effort 7", syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, getpid(),
						     IOPRIO(IOPRIO_CLASS_BE, 7)));
	check_int("ioprio inherited by a child", in_child(ioprio_of_child), 0);
	check_errno("ioprio_set bad class", syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
						    IOPRIO(5, 0)), EINVAL);
	check_errno("ioprio_set class 7", syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
						  IOPRIO(7, 0)), EINVAL);
	check_errno("ioprio_set none with a level", syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
							     IOPRIO(IOPRIO_CLASS_NONE, 1)), EINVAL);
	check_errno("ioprio_set bad which", syscall(SYS_ioprio_set, 9, 0, 0), EINVAL);
	check_errno("ioprio_get bad which", syscall(SYS_ioprio_get, 9, 0), EINVAL);
	check_errno("ioprio_get no such pid", syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0x3fffffff),
		    ESRCH);
	check_errno("ioprio_set no such group", syscall(SYS_ioprio_set, IOPRIO_WHO_PGRP, 0x3fffffff,
							 0), ESRCH);
	check_ok("ioprio_set back", syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, own));
	check_int("ioprio_get back", syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0), own);
}

static void personalities(void)
{
	int old = personality(0xffffffff);

	check_int("personality query", old & PER_MASK, PER_LINUX);
	check_int("personality set", personality(PER_LINUX | ADDR_NO_RANDOMIZE), old);
	check_int("personality kept", personality(0xffffffff), PER_LINUX | ADDR_NO_RANDOMIZE);
	check_int("personality any value", personality(0x123), PER_LINUX | ADDR_NO_RANDOMIZE);
	check_int("personality of any value", personality(0xffffffff), 0x123);
	check_int("personality restore", personality(old), 0x123);
	check_int("personality restored", personality(0xffffffff), old);
}

/* From <linux/capability.h> and <linux/membarrier.h>, which musl-gcc does not see. */
#define ABI_CAP_V1 0x19980330
#define ABI_CAP_V2 0x20071026
#define ABI_CAP_V3 0x20080522
#define ABI_CAP_CHOWN 0
#define ABI_CAP_SYS_ADMIN 21
struct abi_cap_header {
	uint32_t version;
	int pid;
};
struct abi_cap_data {
	uint32_t effective, permitted, inheritable;
};
#define ABI_MEMBARRIER_QUERY 0
#define ABI_MEMBARRIER_GLOBAL 1
#define ABI_MEMBARRIER_GLOBAL_EXPEDITED 2
#define ABI_MEMBARRIER_PRIVATE_EXPEDITED 8
#define ABI_MEMBARRIER_REGISTER_PRIVATE_EXPEDITED 16

static int cap_get(int version, struct abi_cap_data d[2])
{
	struct abi_cap_header h = {.version = version, .pid = 0};

	return syscall(SYS_capget, &h, d);
}

static int cap_set(struct abi_cap_data d[2])
{
	struct abi_cap_header h = {.version = ABI_CAP_V3, .pid = 0};

	return syscall(SYS_capset, &h, d);
}

#define CAP_BIT(c) (1u << (c))

/* Give capabilities up, in a child: what capset allows and refuses. */
static int drop_caps(void)
{
	struct abi_cap_data d[2], now[2];

	if (cap_get(ABI_CAP_V3, d))
		return 1;
	d[0].effective &= ~CAP_BIT(ABI_CAP_CHOWN);
	if (cap_set(d) || cap_get(ABI_CAP_V3, now) ||
	    (now[0].effective & CAP_BIT(ABI_CAP_CHOWN)) || !(now[0].permitted & CAP_BIT(ABI_CAP_CHOWN)))
		return 2;
	d[0].effective |= CAP_BIT(ABI_CAP_CHOWN); /* still permitted: back */
	if (cap_set(d))
		return 3;
	d[0].permitted &= ~CAP_BIT(ABI_CAP_CHOWN);
	if (cap_set(d) == 0 || errno != EPERM) /* effective beyond permitted */
		return 4;
	d[0].effective &= ~CAP_BIT(ABI_CAP_CHOWN);
	if (cap_set(d))
		return 5;
	d[0].permitted |= CAP_BIT(ABI_CAP_CHOWN); /* gone for good */
	if (cap_set(d) == 0 || errno != EPERM)
		return 6;
	return 0;
}

static void capabilities(void)
{
	struct abi_cap_header h = {.version = 0x12345678, .pid = 0};
	struct abi_cap_data d[2] = {0}, v1[2] = {0};

	check_ok("capget v3", cap_get(ABI_CAP_V3, d));
	check_true("capget: effective within permitted", !(d[0].effective & ~d[0].permitted) &&
							     !(d[1].effective & ~d[1].permitted));
	check_true("capget: root has CAP_SYS_ADMIN", d[0].effective & CAP_BIT(ABI_CAP_SYS_ADMIN));
	check_ok("capget v1", cap_get(ABI_CAP_V1, v1));
	check_true("capget v1 fills one word", v1[0].permitted == d[0].permitted &&
						       v1[1].permitted == 0);
	check_ok("capget v2", cap_get(ABI_CAP_V2, v1));
	check_errno("capget unknown version", syscall(SYS_capget, &h, d), EINVAL);
	check_int("capget answers its version", h.version, ABI_CAP_V3);
	h.version = 0;
	check_ok("capget version query", syscall(SYS_capget, &h, NULL));
	check_int("capget version query answer", h.version, ABI_CAP_V3);
	h = (struct abi_cap_header){ABI_CAP_V3, getpid()};
	check_ok("capget own pid", syscall(SYS_capget, &h, v1));
	check_true("capget own pid same sets", v1[0].effective == d[0].effective);
	h.pid = 0x3fffffff;
	check_errno("capget no such pid", syscall(SYS_capget, &h, v1), ESRCH);
	h.pid = -1;
	check_errno("capget negative pid", syscall(SYS_capget, &h, v1), EINVAL);
	check_errno("capget bad header", syscall(SYS_capget, (void *)8, v1), EFAULT);
	check_ok("capset same sets", cap_set(d));
	h = (struct abi_cap_header){ABI_CAP_V3, 0x3fffffff};
	check_errno("capset other process", syscall(SYS_capset, &h, d), EPERM);
	check_int("capset gives up and cannot take back", in_child(drop_caps), 0);
}

static void memory_barriers(void)
{
	long cmds = syscall(SYS_membarrier, ABI_MEMBARRIER_QUERY, 0, 0);
	const long wanted = ABI_MEMBARRIER_GLOBAL | ABI_MEMBARRIER_GLOBAL_EXPEDITED |
			    ABI_MEMBARRIER_PRIVATE_EXPEDITED |
			    ABI_MEMBARRIER_REGISTER_PRIVATE_EXPEDITED;

	check_true("membarrier query offers global and private", cmds > 0 && (cmds & wanted) == wanted);
	check_ok("membarrier global", syscall(SYS_membarrier, ABI_MEMBARRIER_GLOBAL, 0, 0));
	check_ok("membarrier global expedited",
		 syscall(SYS_membarrier, ABI_MEMBARRIER_GLOBAL_EXPEDITED, 0, 0));
	check_errno("membarrier private unregistered",
		    syscall(SYS_membarrier, ABI_MEMBARRIER_PRIVATE_EXPEDITED, 0, 0), EPERM);
	check_ok("membarrier register private",
		 syscall(SYS_membarrier, ABI_MEMBARRIER_REGISTER_PRIVATE_EXPEDITED, 0, 0));
	check_ok("membarrier private", syscall(SYS_membarrier, ABI_MEMBARRIER_PRIVATE_EXPEDITED, 0, 0));
	check_errno("membarrier bad command", syscall(SYS_membarrier, 1 << 12, 0, 0), EINVAL);
	check_errno("membarrier bad flags", syscall(SYS_membarrier, ABI_MEMBARRIER_QUERY, 1, 0),
		    EINVAL);
}

int main(void)
{
	abi_begin("process");
	ids();
	id_changes();
	names_refused();
	system_info();
	limits();
	usage();
	randomness();
	misc();
	task_settings();
	robust_list();
	scheduling();
	priorities();
	round_robin();
	io_priorities();
	personalities();
	capabilities();
	memory_barriers();
	return abi_end();
}
