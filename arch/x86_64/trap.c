/*
 * The interrupt descriptor table and trap dispatch.
 *
 * trap_dispatch() is the one C entry for every vector: exceptions go to the
 * handler a library registered (page faults), then, when they come from
 * application code, to the signal a program may handle, and otherwise to the
 * fatal crash report; interrupts go to their registered
 * handler, then to the interrupt controller's end-of-interrupt.
 */
#include <errno.h>
#include <tessera/arch/irq.h>
#include <tessera/arch/segments.h>
#include <tessera/arch/stacks.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/printk.h>
#include <tessera/uaccess.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __packed;

static struct idt_gate idt[256] __aligned(16);
extern const uint64_t trap_stub_table[256];

static trap_handler_fn exception_handlers[TRAP_NR_EXCEPTIONS];
static struct {
	irq_handler_fn fn;
	void *arg;
} irq_handlers[256];

void (*irq_end_of_interrupt)(void);

/* Read by trap_entry.S; 0 when the stack in use has no known bound. */
uintptr_t trap_stack_bottom;

void (*trap_return_to_user)(struct trap_frame *tf);
bool (*trap_user_exception)(struct trap_frame *tf);

bool trap_from_user(const struct trap_frame *tf)
{
	return tf == arch_syscall_frame();
}

static unsigned int ist_for_vector(unsigned int vector)
{
	switch (vector) {
	case TRAP_DF:
		return IST_DOUBLE_FAULT;
	case TRAP_NMI:
	case TRAP_MC:
		return IST_NMI_MCE;
	default:
		return IST_ENTRY;
	}
}

void idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed idtr = {sizeof(idt) - 1, (uint64_t)idt};

	for (unsigned int v = 0; v < 256; v++) {
		uint64_t addr = trap_stub_table[v];

		idt[v] = (struct idt_gate){
			.offset_low = addr & 0xffff,
			.selector = GDT_KERNEL_CODE,
			.ist = ist_for_vector(v),
			.type_attr = 0x8e, /* present, DPL 0, interrupt gate: IF cleared */
			.offset_mid = (addr >> 16) & 0xffff,
			.offset_high = addr >> 32,
		};
	}
	__asm__ __volatile__("lidt %0" ::"m"(idtr));
}

int trap_register(unsigned int vector, trap_handler_fn handler)
{
	if (vector >= TRAP_NR_EXCEPTIONS || exception_handlers[vector])
		return -EBUSY;
	exception_handlers[vector] = handler;
	return 0;
}

int irq_register(unsigned int vector, irq_handler_fn handler, void *arg)
{
	if (vector < TRAP_NR_EXCEPTIONS || vector > 255 || irq_handlers[vector].fn)
		return -EBUSY;
	irq_handlers[vector].arg = arg;
	irq_handlers[vector].fn = handler;
	return 0;
}

void trap_set_stack_bottom(uintptr_t bottom)
{
	trap_stack_bottom = bottom;
}

static void handle_exception(struct trap_frame *tf, unsigned int v)
{
	trap_handler_fn fn = exception_handlers[v];

	if (v == TRAP_PF && uaccess_nofault && uaccess_fixup(tf))
		return;
	if (fn && fn(tf))
		return;
	if ((v == TRAP_PF || v == TRAP_GP) && uaccess_fixup(tf))
		return;
	if (trap_user_exception && trap_from_user(tf) && trap_user_exception(tf))
		return;
	trap_fatal(tf, NULL);
}

static void handle_irq(struct trap_frame *tf, unsigned int v)
{
	if (v == IRQ_VECTOR_SPURIOUS)
		return;
	if (irq_handlers[v].fn)
		irq_handlers[v].fn(tf, irq_handlers[v].arg);
	else
		pr_warn("irq: unexpected interrupt on vector %u\n", v);
	if (irq_end_of_interrupt)
		irq_end_of_interrupt();
}

void trap_dispatch(struct trap_frame *tf)
{
	unsigned int v = tf->vector;

	if (v < TRAP_NR_EXCEPTIONS)
		handle_exception(tf, v);
	else
		handle_irq(tf, v);
	if (trap_return_to_user && trap_from_user(tf))
		trap_return_to_user(tf);
}
