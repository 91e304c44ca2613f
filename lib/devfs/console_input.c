/*
 * Console input.  A serial line cannot say "end of file", so when the
 * host's stdin is not a terminal, `tessera run` frames it (kernel option
 * console.framed=1): 0xff 0x01 marks the end, 0xff 0xff stands for 0xff.
 * Unframed input (a terminal) never ends.  Without a receive interrupt yet,
 * waiting polls the UART every millisecond.
 */
#include <errno.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include <tessera/plat/time.h>
#include <tessera/sched.h>
#include "console_input.h"

#define ESCAPE  0xff
#define END     0x01
#define POLL_NS (1 * NSEC_PER_MSEC)

static bool framed, ended, escape_pending;
static char ring[4096];
static size_t ring_head, ring_len;

static int set_framed(const char *value)
{
	framed = !value || strcmp(value, "0");
	return 0;
}
KERNEL_PARAM("console.framed", set_framed, "stdin is framed: 0xff 0x01 ends it (tessera run)");

/* Move what the UART has into the ring, decoding the framing. */
static void pull(void)
{
	char raw[256];
	size_t n;

	while (!ended && ring_len < sizeof(ring) - sizeof(raw) &&
	       (n = console_read(raw, sizeof(raw))) > 0) {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = raw[i];

			if (framed && escape_pending) {
				escape_pending = false;
				if (c == END) {
					ended = true;
					break;
				}
			} else if (framed && c == ESCAPE) {
				escape_pending = true;
				continue;
			}
			ring[(ring_head + ring_len++) % sizeof(ring)] = c;
		}
	}
}

size_t console_input_pending(void)
{
	pull();
	return ring_len;
}

long console_input_read(char *buf, size_t len, bool nonblock)
{
	size_t n = 0;

	for (pull(); ring_len == 0 && !ended; pull()) {
		if (nonblock)
			return -EAGAIN;
		thread_sleep_ns(POLL_NS);
	}
	while (n < len && ring_len) {
		buf[n++] = ring[ring_head];
		ring_head = (ring_head + 1) % sizeof(ring);
		ring_len--;
	}
	return n;
}
