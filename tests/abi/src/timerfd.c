// SPDX-License-Identifier: MIT
/*
 * timerfd: timerfd_create on each clock and its refusals, what the file
 * looks like, settime/gettime (relative, absolute, periodic, disarming, the
 * old setting, bad arguments in Linux's order), reads of the expiration
 * count (blocking until the timer fires, EAGAIN, EINVAL), a periodic timer
 * counting the expirations missed while nobody read, an absolute expiry in
 * the past and poll readiness.  TFD_TIMER_CANCEL_ON_SET needs the wall
 * clock set, which must not happen to the host: tests/linux/timerfd checks
 * it under Tessera only.  Only facts are printed: counts are checked
 * against lower bounds, never printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

#define NS 1000000000LL
#define MS 1000000LL

static long long now_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec * NS + ts.tv_nsec;
}

static struct timespec ts_of(long long ns)
{
	return (struct timespec){ns / NS, ns % NS};
}

static long long ns_of(struct timespec ts)
{
	return ts.tv_sec * NS + ts.tv_nsec;
}

static int arm(int fd, int flags, long long value, long long interval)
{
	struct itimerspec its = {.it_interval = ts_of(interval), .it_value = ts_of(value)};

	return timerfd_settime(fd, flags, &its, NULL);
}

static short readable(int fd)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN | POLLOUT};

	return poll(&pfd, 1, 0) < 0 ? -1 : pfd.revents;
}

/* The expiration count read, or -1 (errno set). */
static long long expirations(int fd)
{
	uint64_t n;

	return read(fd, &n, sizeof(n)) == sizeof(n) ? (long long)n : -1;
}

static void sleep_ms(long long ms)
{
	struct timespec ts = ts_of(ms * MS);

	nanosleep(&ts, NULL);
}

static void creation(void)
{
	static const struct {
		clockid_t id;
		const char *name;
	} clocks[] = {
		{CLOCK_MONOTONIC, "monotonic"},
		{CLOCK_REALTIME, "realtime"},
		{CLOCK_BOOTTIME, "boottime"},
	};
	char name[64];
	size_t i;
	int fd;

	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		snprintf(name, sizeof(name), "create %s", clocks[i].name);
		fd = timerfd_create(clocks[i].id, 0);
		check_ok(name, fd);
		close(fd);
	}
	check_errno("create process cputime", timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	check_errno("create monotonic raw", timerfd_create(CLOCK_MONOTONIC_RAW, 0), EINVAL);
	check_errno("create bad clock", timerfd_create(-1, 0), EINVAL);
	check_errno("create bad flags", timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);

	fd = timerfd_create(CLOCK_MONOTONIC, 0);
	check_anon_file(fd, "[timerfd]");
	check_errno("write", write(fd, "12345678", 8), EINVAL);
	close(fd);
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	check_int("TFD_NONBLOCK", fcntl(fd, F_GETFL), O_RDWR | O_NONBLOCK);
	check_int("TFD_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
}

static void bad_arguments(void)
{
	/* An hour: the timer must not expire before the last check, however slow the machine. */
	struct itimerspec its = {.it_value = {3600, 0}}, cur;
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), efd = eventfd(0, 0);
	uint64_t n;

	check_errno("settime bad flags", timerfd_settime(fd, 4, &its, NULL), EINVAL);
	its.it_value.tv_nsec = NS;
	check_errno("settime nsec too big", timerfd_settime(fd, 0, &its, NULL), EINVAL);
	its.it_value = (struct timespec){-1, 0};
	check_errno("settime negative", timerfd_settime(fd, 0, &its, NULL), EINVAL);
	its.it_value = (struct timespec){3600, 0};
	its.it_interval.tv_nsec = -1;
	check_errno("settime bad interval", timerfd_settime(fd, 0, &its, NULL), EINVAL);
	check_errno("settime EINVAL before EBADF", timerfd_settime(-1, 0, &its, NULL), EINVAL);
	its.it_interval.tv_nsec = 0;
	check_errno("settime bad fd", timerfd_settime(-1, 0, &its, NULL), EBADF);
	check_errno("settime not a timerfd", timerfd_settime(efd, 0, &its, NULL), EINVAL);
	check_errno("settime bad new", syscall(SYS_timerfd_settime, fd, 0, NULL, NULL), EFAULT);
	check_errno("settime bad old", syscall(SYS_timerfd_settime, fd, 0, &its, 8), EFAULT);
	check_true("settime applied despite bad old",
		   timerfd_gettime(fd, &cur) == 0 && cur.it_value.tv_sec >= 3540);
	check_errno("gettime bad fd", timerfd_gettime(-1, &cur), EBADF);
	check_errno("gettime not a timerfd", timerfd_gettime(efd, &cur), EINVAL);
	check_errno("gettime bad pointer", syscall(SYS_timerfd_gettime, fd, NULL), EFAULT);
	check_errno("short read", read(fd, &n, 7), EINVAL);
	check_errno("read before expiry", expirations(fd), EAGAIN);
	close(fd);
	close(efd);
}

static void one_shot(void)
{
	struct itimerspec cur, old;
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	long long start, waited;

	check_ok("gettime unarmed", timerfd_gettime(fd, &cur));
	check_true("unarmed setting is zero", !ns_of(cur.it_value) && !ns_of(cur.it_interval));
	check_int("unarmed not readable", readable(fd), 0);

	check_ok("arm in 1 hour", arm(fd, 0, 3600 * NS, 0));
	check_ok("gettime armed", timerfd_gettime(fd, &cur));
	check_true("time left under 1 hour", ns_of(cur.it_value) <= 3600 * NS);
	check_true("time left over 59 minutes", ns_of(cur.it_value) > 3540 * NS);
	check_true("no interval", !ns_of(cur.it_interval));
	check_ok("disarm", timerfd_settime(fd, 0, &(struct itimerspec){0}, &old));
	check_true("old setting returned", ns_of(old.it_value) > 3540 * NS);
	check_ok("gettime disarmed", timerfd_gettime(fd, &cur));
	check_true("disarmed setting is zero", !ns_of(cur.it_value));

	start = now_ns(CLOCK_MONOTONIC);
	check_ok("arm in 30 ms", arm(fd, 0, 30 * MS, 0));
	check_int("blocking read waits for the expiry", expirations(fd), 1);
	waited = now_ns(CLOCK_MONOTONIC) - start;
	check("read waited at least 30 ms", waited >= 30 * MS, "waited %lld ns", waited);
	check_ok("gettime expired", timerfd_gettime(fd, &cur));
	check_true("expired setting is zero", !ns_of(cur.it_value) && !ns_of(cur.it_interval));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	check_errno("nothing more to read", expirations(fd), EAGAIN);

	check_ok("interval without value", arm(fd, 0, 0, 5 * MS));
	check_ok("gettime", timerfd_gettime(fd, &cur));
	check_true("not armed, interval kept", !ns_of(cur.it_value) &&
						       ns_of(cur.it_interval) == 5 * MS);
	sleep_ms(10);
	check_errno("never fires", expirations(fd), EAGAIN);
	close(fd);
}

static void periodic(void)
{
	struct itimerspec cur;
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	long long n;

	/* First in 200 ms, so that a slow machine still looks before it. */
	check_ok("arm every 10 ms", arm(fd, 0, 200 * MS, 10 * MS));
	check_int("not readable yet", readable(fd), 0);
	sleep_ms(255);
	check_int("readable", readable(fd), POLLIN);
	n = expirations(fd);
	check("missed expirations counted", n >= 5, "%lld expirations", n);
	check_ok("gettime", timerfd_gettime(fd, &cur));
	check_true("next expiry within the interval",
		   ns_of(cur.it_value) > 0 && ns_of(cur.it_value) <= 10 * MS);
	check_int("interval", ns_of(cur.it_interval), 10 * MS);
	sleep_ms(25);
	check_ok("gettime after more expiries", timerfd_gettime(fd, &cur));
	n = expirations(fd);
	check("gettime keeps the count", n >= 2, "%lld expirations", n);
	check_ok("disarm", arm(fd, 0, 0, 0));
	check_errno("disarming drops the count", expirations(fd), EAGAIN);
	close(fd);
}

static void absolute(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	long long start = now_ns(CLOCK_MONOTONIC), n;
	struct itimerspec cur;

	check_ok("arm absolute", arm(fd, TFD_TIMER_ABSTIME, start + 20 * MS, 0));
	check_int("blocking read", expirations(fd), 1);
	check_true("fired at the time", now_ns(CLOCK_MONOTONIC) >= start + 20 * MS);

	check_ok("arm in the past", arm(fd, TFD_TIMER_ABSTIME, 1, 0));
	check_int("readable at once", readable(fd), POLLIN);
	check_int("one expiration", expirations(fd), 1);

	start = now_ns(CLOCK_MONOTONIC);
	check_ok("periodic from 100 ms ago", arm(fd, TFD_TIMER_ABSTIME, start - 100 * MS, 10 * MS));
	n = expirations(fd);
	check("all the past expirations", n >= 10, "%lld expirations", n);
	check_ok("gettime", timerfd_gettime(fd, &cur));
	check_true("next expiry ahead", ns_of(cur.it_value) > 0 && ns_of(cur.it_value) <= 10 * MS);
	close(fd);

	fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	start = now_ns(CLOCK_REALTIME);
	check_ok("realtime absolute", arm(fd, TFD_TIMER_ABSTIME, start + 200 * MS, 0));
	check_errno("realtime not yet", expirations(fd), EAGAIN);
	sleep_ms(230);
	check_int("realtime fired", expirations(fd), 1);
	close(fd);

	fd = timerfd_create(CLOCK_BOOTTIME, 0);
	check_ok("boottime relative", arm(fd, 0, 10 * MS, 0));
	check_int("boottime fired", expirations(fd), 1);
	close(fd);
}

/* A forked child inherits the armed timer (the same open file). */
static void shared_with_child(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), status = -1;
	pid_t pid;

	arm(fd, 0, 10 * MS, 0);
	pid = fork();
	if (pid == 0)
		_exit(expirations(fd) == 1 ? 0 : 1);
	check_int("child read the expiry",
		  waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		  0);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	check_errno("parent finds it taken", expirations(fd), EAGAIN);
	close(fd);
}

int main(void)
{
	abi_begin("timerfd");
	creation();
	bad_arguments();
	one_shot();
	periodic();
	absolute();
	shared_with_child();
	return abi_end();
}
