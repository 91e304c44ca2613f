/*
 * A minimal HTTP/1.1 responder over poll(): every request on a kept-alive
 * connection gets the same 612-byte page.  It measures a network stack and
 * its socket layer without a server's own work (and without epoll).  With
 * "spin", a second thread computes all the while: whether the stack holds
 * packets back for a busy thread's time slice shows in the latency.
 *
 *   http_poll PORT [spin]
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONN 1024
#define PAGE_LEN 612

static void *spin(void *arg)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
	return arg;
}

int main(int argc, char *argv[])
{
	static struct pollfd fds[MAX_CONN + 1];
	static char page[PAGE_LEN], response[PAGE_LEN + 128], buf[4096];
	struct sockaddr_in6 a = {.sin6_family = AF_INET6};
	int n = 1, one = 1, len;

	pthread_t spinner;

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "spin"))) {
		fprintf(stderr, "usage: http_poll PORT [spin]\n");
		return 2;
	}
	if (argc == 3 && pthread_create(&spinner, NULL, spin, NULL)) {
		fprintf(stderr, "http_poll: cannot start the spinning thread\n");
		return 1;
	}
	/* The page nginx serves in bench/net.py: 612 bytes. */
	memset(page, 'x', sizeof(page));
	memcpy(page, "<html><body>", 12);
	memcpy(page + PAGE_LEN - 15, "</body></html>\n", 15);
	len = snprintf(response, sizeof(response),
		       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n",
		       PAGE_LEN);
	memcpy(response + len, page, PAGE_LEN);
	len += PAGE_LEN;
	a.sin6_port = htons(atoi(argv[1]));
	fds[0].fd = socket(AF_INET6, SOCK_STREAM, 0);
	fds[0].events = POLLIN;
	setsockopt(fds[0].fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fds[0].fd, (struct sockaddr *)&a, sizeof(a)) || listen(fds[0].fd, 511)) {
		perror("http_poll: bind/listen");
		return 1;
	}
	for (;;) {
		if (poll(fds, n, -1) < 0) {
			perror("http_poll: poll");
			return 1;
		}
		for (int i = n - 1; i > 0; i--) {
			ssize_t got;

			if (!fds[i].revents)
				continue;
			got = recv(fds[i].fd, buf, sizeof(buf), 0);
			/* One response per request: count the requests' blank lines. */
			for (ssize_t k = 3; got > 0 && k < got; k++) {
				if (!memcmp(buf + k - 3, "\r\n\r\n", 4) && send(fds[i].fd, response, len, 0) < 0)
					got = -1;
			}
			if (got <= 0) {
				close(fds[i].fd);
				fds[i] = fds[--n];
			}
		}
		if ((fds[0].revents & POLLIN) && n <= MAX_CONN) {
			int c = accept(fds[0].fd, NULL, NULL);

			if (c >= 0) {
				setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
				fds[n++] = (struct pollfd){.fd = c, .events = POLLIN};
			}
		}
	}
}
