/* Relaying a non-terminal stdin to the guest, framed (stdin_relay.c). */
#ifndef TESSERA_VM_STDIN_RELAY_H
#define TESSERA_VM_STDIN_RELAY_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

struct stdin_relay {
	int source;     /* our stdin */
	int guest_end;  /* QEMU's stdin: the pipe's read end */
	int pipe;       /* the pipe's write end, non-blocking */
	unsigned char pending[8192];
	size_t pending_off, pending_len;
	bool ended;     /* the end mark is queued or sent */
};

int stdin_relay_open(struct stdin_relay *r, int source);
/* The descriptor and events to poll next (*fd = -1: nothing more to do). */
short stdin_relay_events(const struct stdin_relay *r, int *fd);
/* Called when that descriptor is ready. */
void stdin_relay_service(struct stdin_relay *r);

#endif
