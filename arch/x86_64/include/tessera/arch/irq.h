/* Interrupt flag control and the idle instruction. */
#ifndef TESSERA_ARCH_IRQ_H
#define TESSERA_ARCH_IRQ_H

#include <stdbool.h>
#include <stdint.h>

typedef unsigned long irq_flags_t;

static inline irq_flags_t irq_save(void)
{
	irq_flags_t flags;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags)::"memory");
	return flags;
}

static inline void irq_restore(irq_flags_t flags)
{
	if (flags & (1UL << 9))
		__asm__ __volatile__("sti" ::: "memory");
}

static inline void irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline void irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

/*
 * Wait for an interrupt with interrupts disabled on entry: "sti; hlt" cannot
 * lose a wake-up, since sti takes effect only after the next instruction.
 * Interrupts are disabled again on return.
 */
static inline void cpu_wait_for_interrupt(void)
{
	__asm__ __volatile__("sti; hlt; cli" ::: "memory");
}

/* Vectors 0-31 are exceptions; devices and the timer use the rest. */
#define IRQ_VECTOR_TIMER    0x20
#define IRQ_VECTOR_FIRST_IO 0x30
#define IRQ_VECTOR_SPURIOUS 0xff

struct trap_frame;
typedef void (*irq_handler_fn)(struct trap_frame *tf, void *arg);

/* Route an interrupt vector to handler; the handler runs with interrupts off. */
int irq_register(unsigned int vector, irq_handler_fn handler, void *arg);
/* Called by the interrupt controller driver after each handler. */
extern void (*irq_end_of_interrupt)(void);

#endif /* TESSERA_ARCH_IRQ_H */
