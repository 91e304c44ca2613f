// SPDX-License-Identifier: MIT
/*
 * The process and its limits: pid/ppid/tid, the uid and gid families
 * (consistency, never values), uname, sysinfo, getrlimit/setrlimit/prlimit64,
 * getrusage, times, getrandom, umask, sched_yield, sched_getaffinity.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
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

int main(void)
{
	abi_begin("process");
	ids();
	system_info();
	limits();
	usage();
	randomness();
	misc();
	return abi_end();
}
