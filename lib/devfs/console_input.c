/*
 * Console input.  A serial line cannot say "end of file", so when the
 * host's stdin is not a terminal, `tessera run` frames it (kernel option
 * console.framed=1): 0xff 0x01 marks the end, 0xff 0xff stands for 0xff.
 * Unframed input (a terminal) never ends.  Readers wait for the driver's
 * input interrupt, and look again every RECHECK_NS in case one was missed.
 */
#include <errno.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include <tessera/plat/time.h>
#include <tessera/arch/irq.h>
#include <tessera/sched.h>
#include <tessera/waitq.h>
#include <tessera/vfs.h>
#include "console_input.h"

#define ESCAPE  0xff
#define END     0x01
#define RECHECK_NS (100 * NSEC_PER_MSEC)

static bool framed, ended, escape_pending;
static char ring[4096];
static struct waitq input_waiters = WAITQ_INIT(input_waiters);
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

bool console_input_ready(void)
{
	return console_input_pending() || ended;
}

void console_input_poll_wait(struct poll_table *pt)
{
	poll_wait(pt, &input_waiters);
}

long console_input_read(char *buf, size_t len, bool nonblock)
{
	size_t n = 0;

	for (pull(); ring_len == 0 && !ended; pull()) {
		irq_flags_t flags;

		if (nonblock)
			return -EAGAIN;
		flags = irq_save();
		pull();
		if (ring_len == 0 && !ended)
			waitq_wait(&input_waiters, plat_clock_ns() + RECHECK_NS);
		irq_restore(flags);
	}
	while (n < len && ring_len) {
		buf[n++] = ring[ring_head];
		ring_head = (ring_head + 1) % sizeof(ring);
		ring_len--;
	}
	return n;
}

static void input_arrived(void)
{
	waitq_wake_all(&input_waiters);
}

static int console_input_init(void)
{
	console_set_input_handler(input_arrived);
	return 0;
}
INITCALL(console_input_init, INIT_LIB);
