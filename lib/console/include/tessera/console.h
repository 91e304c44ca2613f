/*
 * Console API: where the application's standard streams and the kernel log go.
 *
 * Drivers register devices that serve one or more streams; a write goes to the
 * registered device with the highest priority for that stream.  Typical set-up
 * on QEMU: the 16550 serves stdin/stdout, the debug console serves stderr and
 * the kernel log, so the CLI can keep them apart.
 */
#ifndef TESSERA_CONSOLE_H
#define TESSERA_CONSOLE_H

#include <stddef.h>
#include <sys/types.h>
#include <tessera/list.h>

enum console_stream {
	CONSOLE_STDIN,
	CONSOLE_STDOUT,
	CONSOLE_STDERR, /* also the kernel log */
	CONSOLE_NR_STREAMS,
};

#define CONSOLE_SERVES(stream) (1u << (stream))

struct console_device {
	const char *name;
	unsigned int streams; /* CONSOLE_SERVES() bits */
	int priority;         /* higher wins */
	void (*write)(struct console_device *dev, const char *buf, size_t len);
	/* Non-blocking: bytes read, 0 when none is waiting. NULL if output only. */
	size_t (*read)(struct console_device *dev, char *buf, size_t len);
	struct list_head link;
};

void console_register(struct console_device *dev);
void console_write(enum console_stream stream, const char *buf, size_t len);
/* Non-blocking read from the stdin device; 0 when nothing is waiting. */
size_t console_read(char *buf, size_t len);

/* Called by a driver, from its interrupt handler, when input has arrived. */
void console_input_arrived(void);
/* What to do then (wake the readers); one handler, set by the console's reader. */
void console_set_input_handler(void (*handler)(void));

#endif /* TESSERA_CONSOLE_H */
