/*
 * Copies standard input to standard output through epoll: stdin is made
 * non-blocking and read, until it would block, each time epoll_wait says it
 * is readable (level-triggered the first time, edge-triggered after).
 * Prints what it read, then its length.  On the host stdin is a pipe;
 * under Tessera it is the console, a terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <unistd.h>

#define TIMEOUT_MS 60000

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int edge_triggered = 0;
	long total = 0;
	char buf[256];
	int ep = epoll_create1(0);

	if (ep < 0 || fcntl(0, F_SETFL, O_NONBLOCK) || epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev)) {
		perror("setup");
		return 1;
	}
	for (;;) {
		ssize_t n;

		if (epoll_wait(ep, &ev, 1, TIMEOUT_MS) != 1) {
			printf("no event within %d ms\n", TIMEOUT_MS);
			return 1;
		}
		while ((n = read(0, buf, sizeof(buf))) > 0) {
			fwrite(buf, 1, n, stdout);
			total += n;
		}
		if (n == 0)
			break;
		if (errno != EAGAIN) {
			perror("read");
			return 1;
		}
		if (edge_triggered)
			continue;
		edge_triggered = 1; /* from now on, every arrival is an edge */
		ev.events = EPOLLIN | EPOLLET;
		if (epoll_ctl(ep, EPOLL_CTL_MOD, 0, &ev)) {
			perror("epoll_ctl");
			return 1;
		}
	}
	printf("end of input after %ld bytes\n", total);
	return 0;
}
