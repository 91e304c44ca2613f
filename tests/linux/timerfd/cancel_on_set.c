/*
 * TFD_TIMER_CANCEL_ON_SET: setting the wall clock cancels an absolute
 * realtime timer armed with it, whose next read fails with ECANCELED.  Run
 * under Tessera only (tests/integration/test_events.py): natively it would
 * set the host's clock.  Prints one line per fact and exits 0 if all hold.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void fact(const char *what, int holds)
{
	printf("%s %s\n", holds ? "ok" : "FAIL", what);
	failures += !holds;
}

static int readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static int read_fails_with(int fd, int err)
{
	uint64_t n;

	return read(fd, &n, sizeof(n)) == -1 && errno == err;
}

int main(void)
{
	int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int rel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	struct itimerspec in_an_hour = {0}, cur;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	in_an_hour.it_value = (struct timespec){.tv_sec = now.tv_sec + 3600};
	fact("armed with cancel-on-set",
	     !timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &in_an_hour, NULL));
	in_an_hour.it_value = (struct timespec){.tv_sec = 3600};
	fact("relative timer armed", !timerfd_settime(rel, TFD_TIMER_CANCEL_ON_SET, &in_an_hour, NULL));
	fact("not readable before", !readable(fd));
	now.tv_sec += 60;
	fact("wall clock set a minute ahead", !clock_settime(CLOCK_REALTIME, &now));
	fact("readable after the clock was set", readable(fd));
	fact("read says canceled", read_fails_with(fd, ECANCELED));
	fact("then nothing to read", read_fails_with(fd, EAGAIN));
	fact("still armed", !timerfd_gettime(fd, &cur) && cur.it_value.tv_sec > 3500);
	fact("relative timer not canceled", read_fails_with(rel, EAGAIN));
	return failures != 0;
}
