/*
 * 16550 UART on COM1: the application's stdin and stdout, and the kernel log
 * when there is no debug console.  Polled: output waits for the transmit
 * holding register, input is read when the line status says a byte is there.
 */
#include <tessera/arch/cpu.h>
#include <tessera/boot.h>
#include <tessera/console.h>

#define COM1 0x3f8
#define REG_DATA        0
#define REG_IER         1
#define REG_LCR         3
#define REG_MCR         4
#define REG_LSR         5
#define LCR_DLAB        0x80
#define LCR_8N1         0x03
#define LSR_DATA_READY  0x01
#define LSR_THR_EMPTY   0x20
#define BAUD_DIVISOR_115200 1

static void uart_write(struct console_device *dev, const char *buf, size_t len)
{
	(void)dev;
	for (size_t i = 0; i < len; i++) {
		while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
			cpu_relax();
		outb(COM1 + REG_DATA, buf[i]);
	}
}

static size_t uart_read(struct console_device *dev, char *buf, size_t len)
{
	size_t n = 0;

	(void)dev;
	while (n < len && (inb(COM1 + REG_LSR) & LSR_DATA_READY))
		buf[n++] = inb(COM1 + REG_DATA);
	return n;
}

static struct console_device uart_console = {
	.name = "uart16550",
	.streams = CONSOLE_SERVES(CONSOLE_STDIN) | CONSOLE_SERVES(CONSOLE_STDOUT) |
		   CONSOLE_SERVES(CONSOLE_STDERR),
	.priority = 1,
	.write = uart_write,
	.read = uart_read,
};

static int uart_init(void)
{
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, LCR_DLAB);
	outb(COM1 + REG_DATA, BAUD_DIVISOR_115200);
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, LCR_8N1);
	/*
	 * The FIFOs stay as the firmware left them (off): turning them on
	 * empties them, and input may already be waiting (tessera run feeds
	 * stdin from the start).
	 */
	outb(COM1 + REG_MCR, 0x03); /* DTR, RTS */
	console_register(&uart_console);
	return 0;
}
INITCALL(uart_init, INIT_CONSOLE);
