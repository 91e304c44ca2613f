/* The UART's receive interrupt (IRQ 4), so that readers sleep instead of polling. */
#include <tessera/arch/cpu.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include "uart16550_regs.h"
#include <tessera/plat/irq.h>


static void uart_interrupt(struct trap_frame *tf, void *arg)
{
	(void)tf;
	(void)arg;
	(void)inb(COM1 + REG_IIR); /* acknowledge */
	console_input_arrived();
}

/* The I/O APIC comes up after the console. */
static int uart_irq_init(void)
{
	int err = plat_irq_route(COM1_IRQ, PLAT_IRQ_EDGE, uart_interrupt, NULL);

	if (!err)
		outb(COM1 + REG_IER, IER_RX_AVAILABLE);
	return 0;
}
INITCALL(uart_irq_init, INIT_DRIVER);
