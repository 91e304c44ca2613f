// SPDX-License-Identifier: MIT
/*
 * epoll: epoll_create/epoll_create1 and the file they make; epoll_ctl's
 * errors in Linux's order (EBADF, EPERM for regular files and directories,
 * EINVAL for self-adds, non-epoll instances and misused EPOLLEXCLUSIVE,
 * EEXIST, ENOENT, ELOOP for loops and too deep nesting); epoll_wait,
 * epoll_pwait and epoll_pwait2 arguments and timeouts; level-triggered
 * items reported until drained, edge-triggered ones once per change (and
 * not for changes they did not ask for), EPOLLONESHOT disarming and
 * re-arming with EPOLL_CTL_MOD; EPOLLHUP and EPOLLERR on pipe ends whose
 * peer closed; items following the open file (not the descriptor) and
 * leaving with it; nested instances, also under poll() and select();
 * timerfds; 1,000 idle eventfds and one active; a fork child adding to the
 * shared instance.  Events are printed in the order epoll_wait returns them.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

#define NS 1000000000LL
#define MS 1000000LL
#define IDLE_FDS 1000

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NS + ts.tv_nsec;
}

/* epoll_wait without waiting, straight to the kernel (the C library checks arguments). */
static long raw_wait(int ep, struct epoll_event *evs, int max)
{
	return syscall(SYS_epoll_wait, ep, evs, max, 0);
}

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = {.events = events, .data.u64 = data};

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int mod(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = {.events = events, .data.u64 = data};

	return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

static void bump(int efd)
{
	uint64_t one = 1;

	if (write(efd, &one, sizeof(one)) != sizeof(one))
		printf("FAIL eventfd write\n");
}

static void drain(int efd)
{
	uint64_t n;

	if (read(efd, &n, sizeof(n)) != sizeof(n))
		printf("FAIL eventfd read\n");
}

static const char *event_names(uint32_t events)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} bits[] = {
		{EPOLLIN, "IN"},	 {EPOLLPRI, "PRI"},	{EPOLLOUT, "OUT"},
		{EPOLLERR, "ERR"},	 {EPOLLHUP, "HUP"},	{EPOLLRDNORM, "RDNORM"},
		{EPOLLWRNORM, "WRNORM"}, {EPOLLRDHUP, "RDHUP"},
	};
	static char buf[128];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (events & bits[i].bit) {
			strcat(buf, buf[0] ? "|" : "");
			strcat(buf, bits[i].name);
		}
	}
	if (events & ~(uint32_t)(EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | EPOLLHUP |
				 EPOLLRDNORM | EPOLLWRNORM | EPOLLRDHUP))
		strcat(buf, "|other");
	return buf[0] ? buf : "none";
}

/* What one epoll_wait (timeout 0) reports: "data:EVENTS ..." in order, or "nothing". */
static const char *wait_now(int ep)
{
	struct epoll_event evs[8];
	static char buf[512];
	int n = epoll_wait(ep, evs, 8, 0), i;

	if (n < 0) {
		snprintf(buf, sizeof(buf), "error %s", errname(errno));
		return buf;
	}
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof(buf) - len, "%s%llu:%s", i ? " " : "",
			 (unsigned long long)evs[i].data.u64, event_names(evs[i].events));
	}
	return n ? buf : "nothing";
}

static void creation(void)
{
	char buf[8] = "";
	int ep;

	check_errno("epoll_create 0", syscall(SYS_epoll_create, 0), EINVAL);
	check_errno("epoll_create negative", syscall(SYS_epoll_create, -1), EINVAL);
	check_errno("epoll_create1 bad flags", epoll_create1(1), EINVAL);
	ep = epoll_create1(EPOLL_CLOEXEC);
	check_int("EPOLL_CLOEXEC", fcntl(ep, F_GETFD), FD_CLOEXEC);
	close(ep);
	ep = syscall(SYS_epoll_create, 1);
	check_ok("epoll_create", ep);
	check_anon_file(ep, "[eventpoll]");
	check_errno("read", read(ep, buf, 8), EINVAL);
	check_errno("write", write(ep, buf, 8), EINVAL);
	check_str("empty", wait_now(ep), "nothing");
	close(ep);
}

static void ctl_errors(void)
{
	int ep = epoll_create1(0), other = epoll_create1(0), efd = eventfd(0, 0), p[2];
	int file = open("regular", O_RDWR | O_CREAT, 0600), dir = open(".", O_RDONLY);
	int null = open("/dev/null", O_RDONLY);
	struct epoll_event ev = {.events = EPOLLIN};

	pipe(p);
	check_errno("bad instance", epoll_ctl(-1, EPOLL_CTL_ADD, efd, &ev), EBADF);
	check_errno("bad target", epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev), EBADF);
	check_errno("closed target", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	check_errno("regular file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev), EPERM);
	check_errno("directory", epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev), EPERM);
	check_errno("/dev/null", epoll_ctl(ep, EPOLL_CTL_ADD, null, &ev), EPERM);
	check_errno("regular file, EPERM before EINVAL", epoll_ctl(p[0], EPOLL_CTL_ADD, file, &ev),
		    EPERM);
	check_errno("instance is not epoll", epoll_ctl(p[0], EPOLL_CTL_ADD, efd, &ev), EINVAL);
	check_errno("add to itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	check_errno("bad event pointer", epoll_ctl(ep, EPOLL_CTL_ADD, efd, NULL), EFAULT);
	check_errno("bad op", epoll_ctl(ep, 99, efd, &ev), EINVAL);
	check_errno("bad op reads the event", epoll_ctl(ep, 99, efd, NULL), EFAULT);
	check_errno("mod missing", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev), ENOENT);
	check_errno("del missing", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), ENOENT);
	check_ok("add", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
	check_errno("add again", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev), EEXIST);
	check_ok("add no events", add(ep, p[0], 0, 1));
	check_ok("mod", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
	check_ok("del without an event", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));
	check_errno("del again", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), ENOENT);
	check_ok("the same file in two instances", add(other, p[0], EPOLLIN, 2));

	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	check_ok("add EPOLLEXCLUSIVE", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
	check_errno("mod with EPOLLEXCLUSIVE", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev), EINVAL);
	ev.events = EPOLLIN;
	check_errno("mod an exclusive item", epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev), EINVAL);
	check_ok("del an exclusive item", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
	check_errno("EPOLLEXCLUSIVE with EPOLLRDHUP", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev),
		    EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	check_errno("EPOLLEXCLUSIVE with EPOLLONESHOT", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev),
		    EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	check_errno("EPOLLEXCLUSIVE on an instance", epoll_ctl(ep, EPOLL_CTL_ADD, other, &ev),
		    EINVAL);
	close(ep);
	close(other);
	close(efd);
	close(p[0]);
	close(p[1]);
	close(file);
	close(dir);
	close(null);
	unlink("regular");
}

static void wait_errors(void)
{
	int ep = epoll_create1(0), efd = eventfd(0, 0);
	struct epoll_event evs[2];
	struct timespec ts = {0, NS};
	uint64_t mask = 0;

	check_errno("maxevents 0", raw_wait(ep, evs, 0), EINVAL);
	check_errno("maxevents negative", raw_wait(ep, evs, -1), EINVAL);
	check_errno("maxevents too many", raw_wait(ep, evs, INT32_MAX / 12 + 1), EINVAL);
	check_errno("bad instance", raw_wait(-1, evs, 1), EBADF);
	check_errno("EBADF before EINVAL", raw_wait(-1, evs, 0), EBADF);
	check_errno("not an instance", raw_wait(efd, evs, 1), EINVAL);
	check_errno("kernel address", raw_wait(ep, (void *)0xffff800000000000UL, 1), EFAULT);
	check_errno("range into the kernel", raw_wait(ep, (void *)0x7ffffffff000UL, 1), EFAULT);
	check_int("NULL with nothing ready", raw_wait(ep, NULL, 1), 0);
	add(ep, efd, EPOLLOUT, 5);
	check_errno("NULL with an event", raw_wait(ep, NULL, 1), EFAULT);
	check_int("the event stays", raw_wait(ep, evs, 2), 1);

	check_errno("pwait bad sigsetsize",
		    syscall(SYS_epoll_pwait, ep, evs, 2, 0, &mask, (size_t)4), EINVAL);
	check_errno("pwait bad mask", syscall(SYS_epoll_pwait, ep, evs, 2, 0, (void *)8, (size_t)8),
		    EFAULT);
	check_int("pwait no mask, any size", syscall(SYS_epoll_pwait, ep, evs, 2, 0, NULL, (size_t)4),
		  1);
	check_int("pwait with a mask", syscall(SYS_epoll_pwait, ep, evs, 2, 0, &mask, (size_t)8), 1);
	check_errno("pwait2 bad timeout", syscall(SYS_epoll_pwait2, ep, evs, 2, &ts, NULL, 8),
		    EINVAL);
	ts.tv_nsec = -1;
	check_errno("pwait2 negative nsec", syscall(SYS_epoll_pwait2, ep, evs, 2, &ts, NULL, 8),
		    EINVAL);
	ts = (struct timespec){-1, 0};
	check_errno("pwait2 negative sec", syscall(SYS_epoll_pwait2, ep, evs, 2, &ts, NULL, 8),
		    EINVAL);
	check_errno("pwait2 EINVAL timeout before EBADF",
		    syscall(SYS_epoll_pwait2, -1, evs, 2, &ts, NULL, 8), EINVAL);
	check_errno("pwait2 bad timeout pointer",
		    syscall(SYS_epoll_pwait2, ep, evs, 2, (void *)8, NULL, 8), EFAULT);
	check_errno("pwait2 bad sigsetsize", syscall(SYS_epoll_pwait2, ep, evs, 2, NULL, &mask, 16),
		    EINVAL);
	ts = (struct timespec){0, 0};
	check_int("pwait2 no wait", syscall(SYS_epoll_pwait2, ep, evs, 2, &ts, NULL, 8), 1);
	check_int("pwait2 no timeout, ready", syscall(SYS_epoll_pwait2, ep, evs, 2, NULL, &mask, 8),
		  1);
	close(ep);
	close(efd);
}

static void timeouts(void)
{
	int ep = epoll_create1(0), tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec its = {.it_value = {0, 20 * MS}};
	struct timespec ts = {0, 30 * MS};
	struct epoll_event ev;
	long long start;

	start = now_ns();
	check_int("wait 30 ms, nothing", epoll_wait(ep, &ev, 1, 30), 0);
	check("waited at least 30 ms", now_ns() - start >= 30 * MS, "short wait");
	start = now_ns();
	check_int("pwait 30 ms, nothing", epoll_pwait(ep, &ev, 1, 30, NULL), 0);
	check("pwait waited at least 30 ms", now_ns() - start >= 30 * MS, "short wait");
	start = now_ns();
	check_int("pwait2 30 ms, nothing", syscall(SYS_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8), 0);
	check("pwait2 waited at least 30 ms", now_ns() - start >= 30 * MS, "short wait");

	add(ep, tfd, EPOLLIN, 9);
	start = now_ns();
	timerfd_settime(tfd, 0, &its, NULL);
	check_int("wait forever until the timer", epoll_wait(ep, &ev, 1, -1), 1);
	check("woken by the timer", now_ns() - start >= 20 * MS, "too early");
	check_str("timer event", event_names(ev.events), "IN");
	check_int("timer data", ev.data.u64, 9);
	check_str("level-triggered timer stays ready", wait_now(ep), "9:IN");
	check_int("read the timer", read(tfd, &start, 8), 8);
	check_str("read timer not ready", wait_now(ep), "nothing");
	timerfd_settime(tfd, 0, &its, NULL);
	check_int("timer again, with a long timeout", epoll_wait(ep, &ev, 1, 10000), 1);
	close(ep);
	close(tfd);
}

static void level_and_edge(void)
{
	int ep = epoll_create1(0), lt = eventfd(0, EFD_NONBLOCK), et = eventfd(0, EFD_NONBLOCK);
	int out = eventfd(0, EFD_NONBLOCK);

	add(ep, lt, EPOLLIN, 1);
	add(ep, et, EPOLLIN | EPOLLET, 2);
	check_str("nothing yet", wait_now(ep), "nothing");
	bump(lt);
	bump(et);
	check_str("both ready", wait_now(ep), "1:IN 2:IN");
	check_str("level-triggered again, edge-triggered not", wait_now(ep), "1:IN");
	check_str("and again", wait_now(ep), "1:IN");
	bump(et);
	check_str("a new edge", wait_now(ep), "1:IN 2:IN");
	drain(lt);
	drain(et);
	check_str("drained", wait_now(ep), "nothing");
	bump(et);
	drain(et);
	check_str("edge gone before the wait", wait_now(ep), "nothing");
	bump(et);
	bump(et);
	check_str("two writes, one report", wait_now(ep), "2:IN");
	drain(et);
	check_str("a read is not an EPOLLIN edge", wait_now(ep), "nothing");

	add(ep, out, EPOLLOUT | EPOLLET, 3);
	check_str("writable once", wait_now(ep), "3:OUT");
	check_str("no new edge", wait_now(ep), "nothing");
	bump(out);
	check_str("a write is not an EPOLLOUT edge", wait_now(ep), "nothing");
	drain(out);
	check_str("a read is", wait_now(ep), "3:OUT");
	mod(ep, out, EPOLLOUT | EPOLLET, 4);
	check_str("EPOLL_CTL_MOD makes an edge", wait_now(ep), "4:OUT");
	close(ep);
	close(lt);
	close(et);
	close(out);
}

static void one_shot(void)
{
	int ep = epoll_create1(0), efd = eventfd(0, EFD_NONBLOCK);

	add(ep, efd, EPOLLIN | EPOLLONESHOT, 1);
	bump(efd);
	check_str("one-shot reported", wait_now(ep), "1:IN");
	check_str("then disarmed", wait_now(ep), "nothing");
	bump(efd);
	check_str("still disarmed after a write", wait_now(ep), "nothing");
	check_ok("re-arm", mod(ep, efd, EPOLLIN | EPOLLONESHOT, 2));
	check_str("reported again", wait_now(ep), "2:IN");
	check_str("disarmed again", wait_now(ep), "nothing");
	drain(efd);
	check_ok("re-arm while not ready", mod(ep, efd, EPOLLIN | EPOLLONESHOT | EPOLLET, 3));
	check_str("nothing to report", wait_now(ep), "nothing");
	bump(efd);
	check_str("reported on the next write", wait_now(ep), "3:IN");
	check_errno("a disarmed item is still there", add(ep, efd, EPOLLIN, 4), EEXIST);
	close(ep);
	close(efd);
}

static void pipe_ends(void)
{
	int ep = epoll_create1(0), p[2];
	char buf[8];

	pipe2(p, O_NONBLOCK);
	add(ep, p[0], EPOLLIN | EPOLLRDHUP, 1);
	add(ep, p[1], EPOLLOUT, 2);
	check_str("empty pipe", wait_now(ep), "2:OUT");
	write(p[1], "abc", 3);
	check_str("data", wait_now(ep), "2:OUT 1:IN");
	close(p[1]);
	check_str("writer closed: its item gone, reader hung up", wait_now(ep), "1:IN|HUP");
	read(p[0], buf, sizeof(buf));
	check_str("drained: hang-up only", wait_now(ep), "1:HUP");
	close(p[0]);

	pipe2(p, O_NONBLOCK);
	add(ep, p[1], 0, 3);
	check_str("no events asked", wait_now(ep), "nothing");
	close(p[0]);
	check_str("reader closed: EPOLLERR", wait_now(ep), "3:ERR");
	mod(ep, p[1], EPOLLOUT, 4);
	check_str("with EPOLLOUT", wait_now(ep), "4:OUT|ERR");
	close(p[1]);

	pipe2(p, O_NONBLOCK);
	add(ep, p[0], EPOLLIN | EPOLLET, 5);
	write(p[1], "abcdef", 6);
	check_str("edge-triggered pipe", wait_now(ep), "5:IN");
	read(p[0], buf, 2);
	check_str("a partial read is no edge", wait_now(ep), "nothing");
	write(p[1], "g", 1);
	check_str("each write is one", wait_now(ep), "5:IN");
	close(p[1]);
	check_str("hang-up is one", wait_now(ep), "5:IN|HUP");
	check_str("once", wait_now(ep), "nothing");
	close(p[0]);
	close(ep);
}

static void follows_the_file(void)
{
	int ep = epoll_create1(0), efd = eventfd(1, 0), dup1, again;

	add(ep, efd, EPOLLIN, 1);
	dup1 = dup(efd);
	close(efd);
	check_str("reported through the dup", wait_now(ep), "1:IN");
	check_errno("closed descriptor", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), EBADF);
	check_errno("the dup is another key", epoll_ctl(ep, EPOLL_CTL_DEL, dup1, NULL), ENOENT);
	check_ok("add the dup too", add(ep, dup1, EPOLLIN, 2));
	check_str("both keys report", wait_now(ep), "1:IN 2:IN");
	close(dup1);
	check_str("last close removes both", wait_now(ep), "nothing");
	again = eventfd(1, 0);
	check_int("descriptor reused", again, efd);
	check_ok("added afresh", add(ep, again, EPOLLIN, 3));
	check_str("the new file", wait_now(ep), "3:IN");
	close(again);
	close(ep);
}

static void nested(void)
{
	int outer = epoll_create1(0), inner = epoll_create1(0), efd = eventfd(0, EFD_NONBLOCK);
	struct pollfd pfd = {.fd = inner, .events = POLLIN};
	struct timeval tv = {0, 0};
	fd_set rd;

	add(inner, efd, EPOLLIN, 1);
	check_ok("add an instance", add(outer, inner, EPOLLIN, 2));
	check_str("inner idle", wait_now(outer), "nothing");
	check_int("poll idle", poll(&pfd, 1, 0), 0);
	bump(efd);
	check_str("outer sees the inner", wait_now(outer), "2:IN");
	check_int("poll sees it", poll(&pfd, 1, 0), 1);
	check_int("poll revents", pfd.revents, POLLIN);
	FD_ZERO(&rd);
	FD_SET(inner, &rd);
	check_int("select sees it", select(inner + 1, &rd, NULL, NULL, &tv), 1);
	check_str("inner reports", wait_now(inner), "1:IN");
	drain(efd);
	check_str("outer idle again", wait_now(outer), "nothing");
	check_int("poll idle again", poll(&pfd, 1, 0), 0);

	mod(inner, efd, EPOLLIN | EPOLLET, 3);
	mod(outer, inner, EPOLLIN | EPOLLET, 4);
	bump(efd);
	check_str("nested edge", wait_now(outer), "4:IN");
	check_str("nested edge once", wait_now(outer), "nothing");
	check_str("inner edge still there", wait_now(inner), "3:IN");
	close(efd);
	check_str("inner empty after the close", wait_now(inner), "nothing");
	close(inner);
	check_str("outer empty after the close", wait_now(outer), "nothing");
	close(outer);
}

static void loops(void)
{
	int e[7], i, x = epoll_create1(0), efd = eventfd(0, 0);
	char name[64];

	for (i = 0; i < 7; i++)
		e[i] = epoll_create1(0);
	check_ok("e1 in e0", add(e[0], e[1], EPOLLIN, 0));
	check_errno("e0 in e1: a loop", add(e[1], e[0], EPOLLIN, 0), ELOOP);
	check_ok("e2 in e1", add(e[1], e[2], EPOLLIN, 0));
	check_errno("e0 in e2: a longer loop", add(e[2], e[0], EPOLLIN, 0), ELOOP);
	/* e0 > e1 > e2 > e3 > e4: five levels is the most. */
	for (i = 3; i < 5; i++) {
		snprintf(name, sizeof(name), "e%d in e%d", i, i - 1);
		check_ok(name, add(e[i - 1], e[i], EPOLLIN, 0));
	}
	check_ok("a file at the bottom", add(e[4], efd, EPOLLIN, 0));
	check_errno("a sixth level below", add(e[4], e[5], EPOLLIN, 0), ELOOP);
	check_errno("a sixth level above", add(e[5], e[0], EPOLLIN, 0), ELOOP);
	check_ok("a second level beside", add(e[5], e[6], EPOLLIN, 0));
	check_errno("a chain too deep joined below", add(e[4], e[5], EPOLLIN, 0), ELOOP);
	check_errno("a chain too deep joined above", add(e[6], e[0], EPOLLIN, 0), ELOOP);
	check_ok("a shallow instance in the middle", add(e[2], x, EPOLLIN, 0));
	check_ok("remove a level", epoll_ctl(e[1], EPOLL_CTL_DEL, e[2], NULL));
	check_ok("then room above", add(e[5], e[2], EPOLLIN, 0));
	for (i = 0; i < 7; i++)
		close(e[i]);
	close(x);
	close(efd);
}

static void many(void)
{
	int ep = epoll_create1(0), fds[IDLE_FDS], i, ok = 1, active;
	struct epoll_event evs[4];

	for (i = 0; i < IDLE_FDS; i++) {
		fds[i] = eventfd(0, EFD_NONBLOCK);
		ok = ok && fds[i] >= 0 && add(ep, fds[i], EPOLLIN, i) == 0;
	}
	check_true("1000 eventfds added", ok);
	check_str("all idle", wait_now(ep), "nothing");
	active = IDLE_FDS / 3;
	bump(fds[active]);
	check_int("one active", epoll_wait(ep, evs, 4, -1), 1);
	check_int("the active one", evs[0].data.u64, active);
	ok = 1;
	for (i = 0; i < IDLE_FDS; i += 2)
		ok = ok && epoll_ctl(ep, EPOLL_CTL_DEL, fds[i], NULL) == 0;
	check_true("half removed", ok);
	for (i = 0; i < IDLE_FDS; i++)
		close(fds[i]);
	check_str("the rest went with their files", wait_now(ep), "nothing");
	close(ep);
}

static void max_events(void)
{
	int ep = epoll_create1(0), efd[3], i;
	struct epoll_event evs[2];

	for (i = 0; i < 3; i++) {
		efd[i] = eventfd(1, 0);
		add(ep, efd[i], EPOLLIN, i);
	}
	check_int("two of three", epoll_wait(ep, evs, 2, 0), 2);
	check_int("first", evs[0].data.u64, 0);
	check_int("second", evs[1].data.u64, 1);
	check_int("then the rest first", epoll_wait(ep, evs, 2, 0), 2);
	check_int("third", evs[0].data.u64, 2);
	check_int("first again", evs[1].data.u64, 0);
	for (i = 0; i < 3; i++)
		close(efd[i]);
	close(ep);
}

/* A forked child shares the instance: what it adds is there for the parent. */
static void shared_with_child(void)
{
	int ep = epoll_create1(0), efd = eventfd(0, EFD_NONBLOCK), status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(add(ep, efd, EPOLLIN, 77) == 0 ? 0 : 1);
	check_int("child added", waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
				       WEXITSTATUS(status) : -1, 0);
	bump(efd);
	check_str("parent sees the child's item", wait_now(ep), "77:IN");
	close(efd);
	close(ep);
}

int main(void)
{
	abi_begin("epoll");
	creation();
	ctl_errors();
	wait_errors();
	timeouts();
	level_and_edge();
	one_shot();
	pipe_ends();
	follows_the_file();
	nested();
	loops();
	many();
	max_events();
	shared_with_child();
	return abi_end();
}
