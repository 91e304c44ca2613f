// SPDX-License-Identifier: MIT
/*
 * Clocks and sleeping: every clock readable, with a sane resolution; the
 * monotonic ones never go back; the clocks agree with each other and with
 * gettimeofday()/time(); sleeps last at least what was asked; select,
 * pselect6 and ppoll time out (and say how much time was left), or return
 * at once when a descriptor is ready; settimeofday refuses bad times.  Only
 * invariant facts are printed, never a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

#define NS 1000000000LL
#define MS 1000000LL
/* 2020-01-01T00:00:00Z */
#define Y2020 1577836800LL

static const struct {
	clockid_t id;
	const char *name;
	int monotonic;
} clocks[] = {
	{CLOCK_REALTIME, "realtime", 0},
	{CLOCK_MONOTONIC, "monotonic", 1},
	{CLOCK_BOOTTIME, "boottime", 1},
	{CLOCK_PROCESS_CPUTIME_ID, "process cputime", 1},
	{CLOCK_THREAD_CPUTIME_ID, "thread cputime", 1},
	{CLOCK_MONOTONIC_RAW, "monotonic raw", 1},
	{CLOCK_REALTIME_COARSE, "realtime coarse", 0},
	{CLOCK_MONOTONIC_COARSE, "monotonic coarse", 1},
};

static long long ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return -1;
	return ts.tv_sec * NS + ts.tv_nsec;
}

static void each_clock(void)
{
	struct timespec ts, res;
	char name[64];
	long long prev, now;
	size_t c;
	int i, back;

	for (c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		snprintf(name, sizeof(name), "%s gettime", clocks[c].name);
		check(name,
		      clock_gettime(clocks[c].id, &ts) == 0 && ts.tv_sec >= 0 && ts.tv_nsec >= 0 &&
			      ts.tv_nsec < NS,
		      "failed or out of range (%s)", errname(errno));
		snprintf(name, sizeof(name), "%s getres", clocks[c].name);
		check(name,
		      clock_getres(clocks[c].id, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 &&
			      res.tv_nsec <= 10 * MS,
		      "failed or not in (0, 10 ms]");
		if (!clocks[c].monotonic)
			continue;
		snprintf(name, sizeof(name), "%s never goes back", clocks[c].name);
		for (back = 0, prev = ns(clocks[c].id), i = 0; i < 2000; i++, prev = now) {
			now = ns(clocks[c].id);
			back += now < prev;
		}
		check(name, back == 0, "went back %d times", back);
	}
	check_true("realtime is after 2020", ns(CLOCK_REALTIME) / NS > Y2020);
	check_true("realtime coarse is after 2020", ns(CLOCK_REALTIME_COARSE) / NS > Y2020);
	check_true("hres clocks resolve to 1 ms or better",
		   clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_nsec <= MS &&
			   clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_nsec <= MS);
	check_true("getres with NULL", clock_getres(CLOCK_MONOTONIC, NULL) == 0);
	check_errno("gettime bad clock", syscall(SYS_clock_gettime, 1234, &ts), EINVAL);
	check_errno("getres bad clock", syscall(SYS_clock_getres, 1234, &res), EINVAL);
	check_errno("settime monotonic", syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts), EINVAL);
}

static void relations(void)
{
	long long a, b, c0, p0, p1, w0, w1, t, p;
	struct timespec t1, t2;
	struct timeval tv;
	long long us1, us2, us;
	time_t now;

	a = ns(CLOCK_MONOTONIC);
	b = ns(CLOCK_BOOTTIME);
	check_true("boottime not behind monotonic", b >= a);
	a = ns(CLOCK_MONOTONIC_COARSE);
	b = ns(CLOCK_MONOTONIC);
	check_true("monotonic coarse not ahead", a <= b);
	a = ns(CLOCK_REALTIME_COARSE);
	b = ns(CLOCK_REALTIME);
	check_true("realtime coarse not ahead", a <= b);

	/* The kernel's answer and the C library's (vDSO) one agree. */
	a = ns(CLOCK_MONOTONIC);
	check_ok("syscall clock_gettime", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t1));
	b = ns(CLOCK_MONOTONIC);
	c0 = t1.tv_sec * NS + t1.tv_nsec;
	check_true("syscall and libc monotonic agree", a <= c0 && c0 <= b);

	clock_gettime(CLOCK_REALTIME, &t1);
	check_ok("gettimeofday", gettimeofday(&tv, NULL));
	clock_gettime(CLOCK_REALTIME, &t2);
	us1 = t1.tv_sec * 1000000LL + t1.tv_nsec / 1000;
	us2 = t2.tv_sec * 1000000LL + t2.tv_nsec / 1000;
	us = tv.tv_sec * 1000000LL + tv.tv_usec;
	check_true("gettimeofday within realtime", us1 <= us && us <= us2 && tv.tv_usec < 1000000);
	clock_gettime(CLOCK_REALTIME, &t1);
	now = time(NULL);
	clock_gettime(CLOCK_REALTIME, &t2);
	/* time() may be tick-based (a coarse clock): one second of slack below. */
	check_true("time within realtime", now >= t1.tv_sec - 1 && now <= t2.tv_sec);
	check_true("time stores", time(&now) == now && now > Y2020);

	/* The syscalls behind gettimeofday and time, which the C library takes from the vDSO. */
	clock_gettime(CLOCK_REALTIME, &t1);
	check_ok("syscall gettimeofday", syscall(SYS_gettimeofday, &tv, NULL));
	now = syscall(SYS_time, NULL);
	clock_gettime(CLOCK_REALTIME, &t2);
	us = tv.tv_sec * 1000000LL + tv.tv_usec;
	check_true("syscall gettimeofday within realtime",
		   t1.tv_sec * 1000000LL + t1.tv_nsec / 1000 <= us &&
			   us <= t2.tv_sec * 1000000LL + t2.tv_nsec / 1000);
	check_true("syscall time within realtime", now >= t1.tv_sec - 1 && now <= t2.tv_sec);

	/* Spin until 20 ms of CPU time went by: no more than the wall clock. */
	w0 = ns(CLOCK_MONOTONIC);
	p0 = ns(CLOCK_PROCESS_CPUTIME_ID);
	do {
		p1 = ns(CLOCK_PROCESS_CPUTIME_ID);
		w1 = ns(CLOCK_MONOTONIC);
	} while (p1 - p0 < 20 * MS && w1 - w0 < 10 * NS);
	check_true("process cputime advances when busy", p1 - p0 >= 20 * MS);
	check_true("cputime not ahead of wall time", p1 - p0 <= w1 - w0 + MS);
	t = ns(CLOCK_THREAD_CPUTIME_ID);
	p = ns(CLOCK_PROCESS_CPUTIME_ID);
	check_true("thread cputime within process cputime", t > 0 && t <= p);

	/* Sleeping uses no CPU time (well under what it sleeps). */
	p0 = ns(CLOCK_PROCESS_CPUTIME_ID);
	usleep(50000);
	p1 = ns(CLOCK_PROCESS_CPUTIME_ID);
	check_true("sleeping is not busy", p1 - p0 < 25 * MS);
}

static void sleeps(void)
{
	struct timespec req, rem, dl;
	long long t0, t1;
	int r;

	req = (struct timespec){.tv_nsec = 20 * MS};
	t0 = ns(CLOCK_MONOTONIC);
	r = nanosleep(&req, &rem);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("nanosleep returns 0", r, 0);
	check_true("nanosleep sleeps at least 20 ms", t1 - t0 >= 20 * MS);

	t0 = ns(CLOCK_MONOTONIC);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("clock_nanosleep relative returns 0", r, 0);
	check_true("clock_nanosleep relative sleeps at least 20 ms", t1 - t0 >= 20 * MS);

	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_nsec += 30 * MS;
	if (dl.tv_nsec >= NS) {
		dl.tv_sec++;
		dl.tv_nsec -= NS;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("clock_nanosleep absolute returns 0", r, 0);
	check_true("clock_nanosleep absolute reaches deadline", t1 >= dl.tv_sec * NS + dl.tv_nsec);

	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_nsec += 20 * MS;
	if (dl.tv_nsec >= NS) {
		dl.tv_sec++;
		dl.tv_nsec -= NS;
	}
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &dl, NULL);
	check_int("clock_nanosleep realtime absolute returns 0", r, 0);
	check_true("clock_nanosleep realtime reaches deadline",
		   ns(CLOCK_REALTIME) >= dl.tv_sec * NS + dl.tv_nsec);

	/* Just past, not "1 s after boot": a fresh guest may not be 1 s old yet. */
	t0 = ns(CLOCK_MONOTONIC);
	dl = (struct timespec){.tv_sec = (t0 - 1000) / NS, .tv_nsec = (t0 - 1000) % NS};
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("clock_nanosleep past deadline returns 0", r, 0);
	check_true("clock_nanosleep past deadline is immediate", t1 - t0 < 1 * NS);
	req = (struct timespec){0};
	check_int("nanosleep zero", nanosleep(&req, NULL), 0);

	t0 = ns(CLOCK_MONOTONIC);
	r = poll(NULL, 0, 20);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("poll timeout returns 0", r, 0);
	check_true("poll timeout sleeps at least 20 ms", t1 - t0 >= 20 * MS);

	req = (struct timespec){.tv_nsec = NS};
	check_errno("nanosleep nsec too big", syscall(SYS_nanosleep, &req, NULL), EINVAL);
	req = (struct timespec){.tv_sec = -1};
	check_errno("nanosleep negative", syscall(SYS_nanosleep, &req, NULL), EINVAL);
	req = (struct timespec){.tv_nsec = MS};
	/* No sleeping on a thread's CPU clock: EOPNOTSUPP (Linux 4.x and later). */
	check_errno("clock_nanosleep thread cputime",
		    syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL),
		    EOPNOTSUPP);
	check_errno("clock_nanosleep bad clock", syscall(SYS_clock_nanosleep, 1234, 0, &req, NULL),
		    EINVAL);
}

/* pselect6's sixth argument: the signal mask and its size. */
struct abi_sigmask_arg {
	const uint64_t *mask;
	size_t size;
};

/*
 * The raw calls (libcs turn select into pselect6 or use other time types).
 * Linux writes the time left back into the timeout of all three.
 */
static void waits(void)
{
	struct timeval tv;
	struct timespec ts;
	struct pollfd pfd[2];
	fd_set rs, ws;
	uint64_t empty = 0, blocked_before, blocked_after;
	struct abi_sigmask_arg sm = {&empty, 8}, bad_sm = {&empty, 16};
	long long t0, t1;
	int p[2], n, closed;
	long r;

	check_ok("pipe for waits", pipe2(p, O_CLOEXEC));
	n = p[1] + 1;
	closed = p[1] + 1;

	tv = (struct timeval){.tv_usec = 20000};
	t0 = ns(CLOCK_MONOTONIC);
	r = syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("select timeout returns 0", r, 0);
	check_true("select timeout sleeps at least 20 ms", t1 - t0 >= 20 * MS);
	check_true("select timeout left is zero", tv.tv_sec == 0 && tv.tv_usec == 0);
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_SET(p[0], &rs);
	FD_SET(p[1], &ws);
	tv = (struct timeval){0};
	check_int("select write end ready", syscall(SYS_select, n, &rs, &ws, NULL, &tv), 1);
	check_true("select sets only the ready fds", !FD_ISSET(p[0], &rs) && FD_ISSET(p[1], &ws));
	check_int("write for select", write(p[1], "x", 1), 1);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	tv = (struct timeval){.tv_sec = 5};
	t0 = ns(CLOCK_MONOTONIC);
	r = syscall(SYS_select, n, &rs, NULL, NULL, &tv);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("select read end ready", r, 1);
	check_true("select ready returns at once", FD_ISSET(p[0], &rs) && t1 - t0 < 1 * NS);
	check_true("select time left within timeout",
		   tv.tv_sec >= 0 && tv.tv_sec <= 5 && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	FD_ZERO(&ws);
	FD_SET(p[1], &ws);
	/* Microseconds beyond a second are carried into seconds, not refused. */
	tv = (struct timeval){.tv_usec = 1500000};
	check_int("select usec over a second", syscall(SYS_select, n, NULL, &ws, NULL, &tv), 1);
	tv = (struct timeval){.tv_usec = -1};
	check_errno("select negative timeout", syscall(SYS_select, n, NULL, &ws, NULL, &tv),
		    EINVAL);
	check_errno("select negative nfds", syscall(SYS_select, -1, NULL, NULL, NULL, NULL),
		    EINVAL);
	FD_ZERO(&rs);
	FD_SET(closed, &rs);
	tv = (struct timeval){0};
	check_errno("select closed fd", syscall(SYS_select, closed + 1, &rs, NULL, NULL, &tv),
		    EBADF);

	syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &blocked_before, 8);
	ts = (struct timespec){.tv_nsec = 20 * MS};
	t0 = ns(CLOCK_MONOTONIC);
	r = syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &sm);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("pselect6 timeout returns 0", r, 0);
	check_true("pselect6 timeout sleeps at least 20 ms", t1 - t0 >= 20 * MS);
	check_true("pselect6 timeout left is zero", ts.tv_sec == 0 && ts.tv_nsec == 0);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	check_int("pselect6 read end ready", syscall(SYS_pselect6, n, &rs, NULL, NULL, NULL, NULL),
		  1);
	check_true("pselect6 sets the ready fd", FD_ISSET(p[0], &rs));
	ts = (struct timespec){.tv_nsec = NS};
	check_errno("pselect6 bad timeout", syscall(SYS_pselect6, n, &rs, NULL, NULL, &ts, NULL),
		    EINVAL);
	ts = (struct timespec){0};
	check_errno("pselect6 bad sigset size",
		    syscall(SYS_pselect6, n, &rs, NULL, NULL, &ts, &bad_sm), EINVAL);

	ts = (struct timespec){.tv_nsec = 20 * MS};
	t0 = ns(CLOCK_MONOTONIC);
	r = syscall(SYS_ppoll, NULL, 0, &ts, &empty, 8);
	t1 = ns(CLOCK_MONOTONIC);
	check_int("ppoll timeout returns 0", r, 0);
	check_true("ppoll timeout sleeps at least 20 ms", t1 - t0 >= 20 * MS);
	check_true("ppoll timeout left is zero", ts.tv_sec == 0 && ts.tv_nsec == 0);
	pfd[0] = (struct pollfd){.fd = p[0], .events = POLLIN};
	pfd[1] = (struct pollfd){.fd = closed, .events = POLLIN};
	check_int("ppoll ready and closed", syscall(SYS_ppoll, pfd, 2, NULL, NULL, 8), 2);
	check_int("ppoll POLLIN", pfd[0].revents, POLLIN);
	check_int("ppoll POLLNVAL", pfd[1].revents, POLLNVAL);
	close(p[1]);
	ts = (struct timespec){0};
	check_int("ppoll after writer closed", syscall(SYS_ppoll, pfd, 1, &ts, NULL, 8), 1);
	check_int("ppoll POLLIN and POLLHUP", pfd[0].revents, POLLIN | POLLHUP);
	ts = (struct timespec){.tv_sec = -1};
	check_errno("ppoll negative timeout", syscall(SYS_ppoll, pfd, 1, &ts, NULL, 8), EINVAL);
	ts = (struct timespec){0};
	check_errno("ppoll bad sigset size", syscall(SYS_ppoll, pfd, 1, &ts, &empty, 16), EINVAL);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &blocked_after, 8);
	check_true("temporary masks leave the mask", blocked_before == blocked_after);
	close(p[0]);
}

/* Only times no kernel accepts, refused before any privilege check: the clock stays. */
static void set_time_refused(void)
{
	struct timeval tv;

	tv = (struct timeval){.tv_sec = Y2020, .tv_usec = 2000000};
	check_errno("settimeofday usec too big", syscall(SYS_settimeofday, &tv, NULL), EINVAL);
	tv = (struct timeval){.tv_sec = Y2020, .tv_usec = -1};
	check_errno("settimeofday negative usec", syscall(SYS_settimeofday, &tv, NULL), EINVAL);
	tv = (struct timeval){.tv_sec = -1};
	check_errno("settimeofday negative time", syscall(SYS_settimeofday, &tv, NULL), EINVAL);
	check_true("realtime still after 2020", ns(CLOCK_REALTIME) / NS > Y2020);
}

int main(void)
{
	abi_begin("time");
	each_clock();
	relations();
	sleeps();
	waits();
	set_time_refused();
	return abi_end();
}
