/*
 * Waiting for one active file among many idle ones: 1,000 idle eventfds and
 * one active, all in one epoll instance (level-triggered).  Timed with the
 * TSC over batches; prints the median cycles per operation of:
 *   wait      epoll_wait while the active eventfd stays readable (1 event)
 *   wake      write the active eventfd, epoll_wait, read it back
 *   poll      poll() over the same 1,001 descriptors, one readable: the
 *             scan that epoll's ready list saves
 *   epoll_idle [IDLE_FDS] [OPS_PER_BATCH]   (polls: a twentieth as many)
 */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <x86intrin.h>

#define BATCHES 15

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void wait_one(int ep)
{
	struct epoll_event ev;

	if (epoll_wait(ep, &ev, 1, -1) != 1)
		die("epoll_wait");
}

static void wake_one(int ep, int active)
{
	uint64_t n = 1;

	if (write(active, &n, sizeof(n)) != sizeof(n))
		die("write");
	wait_one(ep);
	if (read(active, &n, sizeof(n)) != sizeof(n))
		die("read");
}

static void poll_all(struct pollfd *fds, int n)
{
	if (poll(fds, n, -1) != 1)
		die("poll");
}

enum op { WAIT, WAKE, POLL };

/* Median cycles of one op over BATCHES batches of ops. */
static double measure(enum op op, long ops, int ep, int active, struct pollfd *fds, int n)
{
	double per_op[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		unsigned long long t0 = __rdtsc();

		for (long i = 0; i < ops; i++) {
			if (op == WAIT)
				wait_one(ep);
			else if (op == WAKE)
				wake_one(ep, active);
			else
				poll_all(fds, n);
		}
		per_op[b] = (double)(__rdtsc() - t0) / ops;
	}
	qsort(per_op, BATCHES, sizeof(double), compare);
	return per_op[BATCHES / 2];
}

int main(int argc, char *argv[])
{
	int idle = argc > 1 ? atoi(argv[1]) : 1000;
	long ops = argc > 2 ? atol(argv[2]) : 2000;
	struct pollfd *fds = calloc(idle + 1, sizeof(*fds));
	int ep = epoll_create1(0), active;
	uint64_t one = 1;

	if (!fds || ep < 0 || idle < 0 || ops <= 0)
		die("usage: epoll_idle [IDLE_FDS] [OPS_PER_BATCH]");
	for (int i = 0; i <= idle; i++) {
		struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};

		fds[i] = (struct pollfd){.fd = eventfd(0, EFD_NONBLOCK), .events = POLLIN};
		if (fds[i].fd < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fds[i].fd, &ev))
			die("eventfd/epoll_ctl");
	}
	active = fds[idle].fd;
	printf("wake cycles/op: %.1f\n", measure(WAKE, ops, ep, active, fds, idle + 1));
	if (write(active, &one, sizeof(one)) != sizeof(one))
		die("write");
	printf("wait cycles/op: %.1f\n", measure(WAIT, ops, ep, active, fds, idle + 1));
	/* A poll costs as much as hundreds of waits: fewer of them say as much. */
	printf("poll cycles/op: %.1f\n",
	       measure(POLL, ops / 20 + 1, ep, active, fds, idle + 1));
	return 0;
}
