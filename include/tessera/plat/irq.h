/*
 * Device interrupt lines.  A device signals on a platform interrupt line (a
 * GSI: on x86, an input of the I/O APIC); plat_irq_route() picks a free CPU
 * vector for it, registers the handler there and unmasks the line.  Every
 * line goes to the boot CPU.
 */
#ifndef TESSERA_PLAT_IRQ_H
#define TESSERA_PLAT_IRQ_H

#include <tessera/arch/irq.h>

/* How a line signals.  A level-triggered line stays asserted until the device is acknowledged. */
#define PLAT_IRQ_EDGE       0
#define PLAT_IRQ_LEVEL      (1u << 0)
#define PLAT_IRQ_ACTIVE_LOW (1u << 1)

/*
 * Call handler(tf, arg), interrupts disabled, for each interrupt on gsi.
 * Returns 0; -ENODEV when no interrupt controller serves gsi; -EBUSY when gsi
 * is already routed or no vector is free.
 */
int plat_irq_route(unsigned int gsi, unsigned int flags, irq_handler_fn handler, void *arg);
/* Hold back, or let through again, the interrupts of a routed line. */
void plat_irq_mask(unsigned int gsi);
void plat_irq_unmask(unsigned int gsi);

#endif /* TESSERA_PLAT_IRQ_H */
