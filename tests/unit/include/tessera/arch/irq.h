/* Host stand-in for <tessera/arch/irq.h>: a test has no interrupts to disable. */
#ifndef TESSERA_ARCH_IRQ_H
#define TESSERA_ARCH_IRQ_H

typedef unsigned long irq_flags_t;

static inline irq_flags_t irq_save(void)
{
	return 0;
}

static inline void irq_restore(irq_flags_t flags)
{
	(void)flags;
}

#endif
