/*
 * 16550 UART on COM1: the application's stdin and stdout, and the kernel log
 * when there is no debug console.  Output waits for the transmit holding
 * register; input is read when the line status says a byte is there (with
 * an interrupt to say so: uart16550_irq.c).  Turning the FIFOs on empties them, so only
 * then does the control channel hear "stdin-ready": tessera run sends no
 * input before, and none is lost.
 */
#include <tessera/arch/cpu.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include "uart16550_regs.h"
#include <tessera/plat/control.h>


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
	outb(COM1 + REG_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + REG_MCR, 0x0b); /* DTR, RTS, OUT2 (interrupts on) */
	console_register(&uart_console);
	plat_control_message("stdin-ready");
	return 0;
}
INITCALL(uart_init, INIT_CONSOLE);
