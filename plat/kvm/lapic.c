/*
 * Local APIC: the timer interrupt and end-of-interrupt.
 *
 * x2APIC (MSRs) when the CPU has it, else xAPIC (MMIO at 0xfee00000).  The
 * timer runs in TSC-deadline mode when available: arming it is one MSR write
 * of an absolute TSC value.  Otherwise it runs one-shot, counting APIC bus
 * ticks whose rate is measured against the TSC the first time it is armed.
 * microvm's firmware leaves LINT0 masked and has no usable PIC path, so the
 * LAPIC is the only interrupt source we rely on.
 */
#include <tessera/arch/cpu.h>
#include <tessera/arch/irq.h>
#include <tessera/arch/paging.h>
#include <tessera/boot.h>
#include <tessera/plat/time.h>
#include <tessera/printk.h>
#include "tlb_refresh.h"
#include "tsc.h"

#define XAPIC_BASE        0xfee00000
#define APIC_BASE_ENABLE  (1UL << 11)
#define APIC_BASE_X2APIC  (1UL << 10)
#define REG_EOI           0xb0
#define REG_SVR           0xf0
#define REG_LVT_TIMER     0x320
#define REG_LVT_LINT1     0x360
#define REG_TIMER_INITIAL 0x380
#define REG_TIMER_CURRENT 0x390
#define REG_TIMER_DIVIDE  0x3e0
#define SVR_ENABLE        (1u << 8)
#define LVT_MASKED        (1u << 16)
#define LVT_TSC_DEADLINE  (2u << 17)
#define LVT_DELIVER_NMI   (4u << 8)
#define DIVIDE_BY_1       0xb
#define CALIBRATION_NS    (1 * NSEC_PER_MSEC)
#define SAMPLE_WINDOW_US  20

static volatile uint32_t *xapic;
static void (*timer_handler)(void);
static uint64_t apic_ticks_per_ms; /* one-shot mode only */
static uint64_t armed = UINT64_MAX; /* the timer's deadline; UINT64_MAX: not armed */

static uint32_t lapic_read(uint32_t reg)
{
	return xapic ? xapic[reg / 4] : (uint32_t)rdmsr(0x800 + (reg >> 4));
}

static void lapic_write(uint32_t reg, uint32_t value)
{
	if (xapic)
		xapic[reg / 4] = value;
	else
		wrmsr(0x800 + (reg >> 4), value);
}

static void lapic_eoi(void)
{
	lapic_write(REG_EOI, 0);
}

/*
 * The timer's count with the TSC at the same moment: read between two TSC
 * reads, again if they are far apart (the host ran something else then, as a
 * loaded host does to a virtual CPU, and a rate measured across that gap
 * would make every timer fire late).
 */
static void sample(uint32_t *count, uint64_t *tsc)
{
	uint64_t close = plat_tsc_khz() * SAMPLE_WINDOW_US / 1000, before, after;

	do {
		before = rdtsc();
		*count = lapic_read(REG_TIMER_CURRENT);
		after = rdtsc();
	} while (after - before > close);
	*tsc = before + (after - before) / 2;
}

static void measure_apic_timer(void)
{
	uint64_t tsc0, tsc1, end;
	uint32_t count0, count1;

	lapic_write(REG_TIMER_INITIAL, UINT32_MAX);
	sample(&count0, &tsc0);
	end = tsc0 + plat_tsc_khz() * CALIBRATION_NS / NSEC_PER_MSEC;
	while (rdtsc() < end)
		cpu_relax();
	sample(&count1, &tsc1);
	apic_ticks_per_ms = (uint64_t)(count0 - count1) * plat_tsc_khz() / (tsc1 - tsc0);
	lapic_write(REG_TIMER_INITIAL, 0);
}

void plat_timer_arm(uint64_t deadline_ns)
{
	uint64_t now, ticks;

	deadline_ns = MIN(deadline_ns, tlb_refresh_deadline());
	armed = deadline_ns;
	if (cpu_features.tsc_deadline) {
		wrmsr(MSR_TSC_DEADLINE, MAX(tsc_from_ns(deadline_ns), 1));
		return;
	}
	if (!apic_ticks_per_ms)
		measure_apic_timer();
	now = plat_clock_ns();
	ticks = deadline_ns > now ? (deadline_ns - now) * apic_ticks_per_ms / NSEC_PER_MSEC : 1;
	lapic_write(REG_TIMER_INITIAL, (uint32_t)MIN(MAX(ticks, 1), UINT32_MAX));
}

void plat_timer_set_handler(void (*handler)(void))
{
	timer_handler = handler;
}

static void timer_interrupt(struct trap_frame *tf, void *arg)
{
	(void)tf;
	(void)arg;
	armed = UINT64_MAX; /* one-shot: it fired */
	tlb_refresh_tick();
	if (timer_handler)
		timer_handler();
	if (armed == UINT64_MAX && tlb_refresh_deadline() != UINT64_MAX)
		plat_timer_arm(UINT64_MAX);
}

static int lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE;

	if (cpu_features.x2apic) {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_X2APIC);
	} else {
		wrmsr(MSR_APIC_BASE, base);
		xapic = pt_map_device(XAPIC_BASE, 4096);
		if (!xapic)
			return -1;
	}
	lapic_write(REG_SVR, SVR_ENABLE | IRQ_VECTOR_SPURIOUS);
	lapic_write(REG_TIMER_DIVIDE, DIVIDE_BY_1);
	lapic_write(REG_LVT_TIMER, IRQ_VECTOR_TIMER |
					   (cpu_features.tsc_deadline ? LVT_TSC_DEADLINE : 0));
	/* As on PC hardware: QEMU injects NMIs (the host's stop request, stop_request.c) on LINT1. */
	lapic_write(REG_LVT_LINT1, LVT_DELIVER_NMI);
	irq_end_of_interrupt = lapic_eoi;
	irq_register(IRQ_VECTOR_TIMER, timer_interrupt, NULL);
	tlb_refresh_init();
	if (tlb_refresh_deadline() != UINT64_MAX)
		plat_timer_arm(UINT64_MAX);
	pr_debug("lapic: %s, timer in %s mode\n", xapic ? "xAPIC" : "x2APIC",
		 cpu_features.tsc_deadline ? "TSC-deadline" : "one-shot");
	return 0;
}
INITCALL(lapic_init, INIT_PLAT);
