/*
 * QEMU's debug console (isa-debugcon, port 0xe9): one output-only port that
 * the CLI attaches to the host's stderr, so that the application's stderr
 * and the kernel log stay apart from its stdout.  Reading the port returns
 * 0xe9 when the device is present.
 */
#include <tessera/arch/cpu.h>
#include <tessera/boot.h>
#include <tessera/console.h>

#define DEBUGCON_PORT 0xe9

static void debugcon_write(struct console_device *dev, const char *buf, size_t len)
{
	(void)dev;
	__asm__ __volatile__("rep outsb" : "+S"(buf), "+c"(len) : "d"(DEBUGCON_PORT) : "memory");
}

static struct console_device debugcon = {
	.name = "debugcon",
	.streams = CONSOLE_SERVES(CONSOLE_STDERR),
	.priority = 2,
	.write = debugcon_write,
};

static int debugcon_init(void)
{
	if (inb(DEBUGCON_PORT) == DEBUGCON_PORT)
		console_register(&debugcon);
	return 0;
}
INITCALL(debugcon_init, INIT_CONSOLE);
