/*
 * The I/O APIC: device interrupt lines (GSIs) to LAPIC vectors.
 *
 * microvm without ACPI has a single I/O APIC, at the architectural address,
 * with GSI n on its input n.  Each routed line gets its own vector and goes
 * to the boot CPU in physical destination mode.  A level-triggered line is
 * re-armed by the LAPIC's end-of-interrupt, which the LAPIC broadcasts to the
 * I/O APIC; by then the handler has acknowledged the device.
 */
#include <errno.h>
#include <stdbool.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/irq.h>
#include <tessera/arch/paging.h>
#include <tessera/boot.h>
#include <tessera/plat/irq.h>
#include <tessera/printk.h>

#define IOAPIC_BASE      0xfec00000
#define IOAPIC_MAX_LINES 240
#define REG_SELECT       0x00 /* byte offsets of the two MMIO registers */
#define REG_WINDOW       0x10
#define REG_VERSION      0x01 /* indirect registers, through the window */
#define REG_REDIR_LOW(n) (0x10 + 2 * (n))
#define REG_REDIR_HIGH(n) (0x11 + 2 * (n))
#define REDIR_ACTIVE_LOW (1u << 13)
#define REDIR_LEVEL      (1u << 15)
#define REDIR_MASKED     (1u << 16)
#define REDIR_DEST_SHIFT 24 /* in the high word */

static volatile uint32_t *ioapic;
static unsigned int nr_lines;
static bool routed[IOAPIC_MAX_LINES];

/* Callers keep interrupts off: select and window are one access together. */
static uint32_t ioapic_read(unsigned int reg)
{
	ioapic[REG_SELECT / 4] = reg;
	return ioapic[REG_WINDOW / 4];
}

static void ioapic_write(unsigned int reg, uint32_t value)
{
	ioapic[REG_SELECT / 4] = reg;
	ioapic[REG_WINDOW / 4] = value;
}

static void set_masked(unsigned int gsi, bool masked)
{
	irq_flags_t flags;
	uint32_t low;

	if (gsi >= nr_lines || !routed[gsi])
		return;
	flags = irq_save();
	low = ioapic_read(REG_REDIR_LOW(gsi));
	ioapic_write(REG_REDIR_LOW(gsi), masked ? low | REDIR_MASKED : low & ~REDIR_MASKED);
	irq_restore(flags);
}

void plat_irq_mask(unsigned int gsi)
{
	set_masked(gsi, true);
}

void plat_irq_unmask(unsigned int gsi)
{
	set_masked(gsi, false);
}

/* The boot CPU's APIC ID, as CPUID reports it. */
static uint32_t boot_apic_id(void)
{
	return cpuid(1, 0).ebx >> 24;
}

int plat_irq_route(unsigned int gsi, unsigned int flags, irq_handler_fn handler, void *arg)
{
	unsigned int vector = IRQ_VECTOR_FIRST_IO;
	irq_flags_t saved;
	uint32_t low;

	if (gsi >= nr_lines)
		return -ENODEV;
	if (routed[gsi])
		return -EBUSY;
	while (vector < IRQ_VECTOR_SPURIOUS && irq_register(vector, handler, arg))
		vector++;
	if (vector == IRQ_VECTOR_SPURIOUS)
		return -EBUSY;
	low = vector | REDIR_MASKED; /* fixed delivery, physical destination */
	if (flags & PLAT_IRQ_LEVEL)
		low |= REDIR_LEVEL;
	if (flags & PLAT_IRQ_ACTIVE_LOW)
		low |= REDIR_ACTIVE_LOW;
	saved = irq_save();
	ioapic_write(REG_REDIR_HIGH(gsi), boot_apic_id() << REDIR_DEST_SHIFT);
	ioapic_write(REG_REDIR_LOW(gsi), low);
	routed[gsi] = true;
	irq_restore(saved);
	pr_debug("ioapic: GSI %u -> vector %#x (%s)\n", gsi, vector,
		 flags & PLAT_IRQ_LEVEL ? "level" : "edge");
	plat_irq_unmask(gsi);
	return 0;
}

static int ioapic_init(void)
{
	uint32_t version;

	ioapic = pt_map_device(IOAPIC_BASE, 4096);
	if (!ioapic)
		return -ENOMEM;
	version = ioapic_read(REG_VERSION);
	if ((version & 0xff) == 0 || (version & 0xff) == 0xff) { /* nothing answers there */
		pr_warn("ioapic: none at %#x: device interrupts unavailable\n", IOAPIC_BASE);
		return 0;
	}
	/* Bits 16-23: the highest input; every input starts masked. */
	nr_lines = MIN(((version >> 16) & 0xff) + 1, IOAPIC_MAX_LINES);
	pr_debug("ioapic: %u lines\n", nr_lines);
	return 0;
}
INITCALL(ioapic_init, INIT_PLAT);
