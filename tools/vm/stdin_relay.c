/*
 * Giving the guest our stdin when it is not a terminal.  A serial line has
 * no end of file, so the bytes are framed (kernel option console.framed=1):
 * 0xff is sent as 0xff 0xff, and 0xff 0x01 marks the end.  QEMU reads the
 * framed stream from a pipe; writes to it never block the launcher, which
 * must keep watching QEMU.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "stdin_relay.h"

#define FRAME_ESCAPE 0xff
#define FRAME_END    0x01

int stdin_relay_open(struct stdin_relay *r, int source)
{
	int fds[2];

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	fcntl(fds[1], F_SETFL, O_NONBLOCK);
	*r = (struct stdin_relay){.source = source, .guest_end = fds[0], .pipe = fds[1]};
	return 0;
}

/* Move what is pending into the pipe; false once everything (end mark included) is out. */
static bool flush(struct stdin_relay *r)
{
	while (r->pending_len) {
		ssize_t n = write(r->pipe, r->pending + r->pending_off, r->pending_len);

		if (n < 0)
			return errno == EAGAIN;
		r->pending_off += n;
		r->pending_len -= n;
	}
	r->pending_off = 0;
	return !r->ended;
}

static void encode(struct stdin_relay *r, const unsigned char *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		r->pending[r->pending_len++] = in[i];
		if (in[i] == FRAME_ESCAPE)
			r->pending[r->pending_len++] = FRAME_ESCAPE;
	}
}

short stdin_relay_events(const struct stdin_relay *r, int *fd)
{
	if (r->pending_len) {
		*fd = r->pipe;
		return POLLOUT;
	}
	*fd = r->ended ? -1 : r->source;
	return POLLIN;
}

void stdin_relay_service(struct stdin_relay *r)
{
	unsigned char in[sizeof(r->pending) / 2];
	ssize_t n;

	if (r->pending_len) {
		flush(r);
		return;
	}
	n = read(r->source, in, sizeof(in));
	if (n > 0) {
		encode(r, in, n);
	} else if (n == 0 || errno != EINTR) {
		r->pending[r->pending_len++] = FRAME_ESCAPE;
		r->pending[r->pending_len++] = FRAME_END;
		r->ended = true;
	}
	flush(r);
}
