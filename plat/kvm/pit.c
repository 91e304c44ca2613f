/*
 * TSC frequency from the i8254 PIT, whose channel 0 counts down at
 * 1.193182 MHz, wrapping every 54.9 ms (microvm has no port 0x61, so
 * channel 2 and its OUT2 bit are not there to use).
 *
 * The reading taken at boot starts the measurement, and the kernel boots
 * while the PIT counts.  When the frequency is first needed, the counter is
 * polled until MIN_SPAN_TICKS (5 ms) have passed since that reading,
 * counting wraps between consecutive reads.  If the boot reading is too old
 * to rule out an unseen wrap (more TSC cycles than a slow 500 MHz TSC makes
 * in 50 ms), the measurement starts afresh.  Each reading is bracketed by
 * two TSC reads, so the error is bounded by one reading's duration over
 * the span: well under 0.1 %.
 */
#include <stdbool.h>
#include <tessera/arch/cpu.h>
#include <tessera/printk.h>
#include "pit.h"

#define PIT_HZ           1193182
#define PIT_CH0_DATA     0x40
#define PIT_COMMAND      0x43
#define CH0_MODE2_LOHI   0x34
#define CH0_LATCH        0x00
#define MIN_SPAN_TICKS   (PIT_HZ / 200)
#define MAX_UNSEEN_CYCLES (500000000ULL / 20) /* 50 ms at 500 MHz */
#define FALLBACK_KHZ     1000000 /* 1 GHz, as TCG's TSC under -icount */
#define MAX_IDLE_READS   100000

struct pit_reading {
	uint64_t tsc;
	uint16_t count;
};

static struct pit_reading start;

static struct pit_reading pit_read(void)
{
	uint64_t before = rdtsc(), after;
	uint16_t count;

	outb(PIT_COMMAND, CH0_LATCH);
	count = inb(PIT_CH0_DATA);
	count |= (uint16_t)inb(PIT_CH0_DATA) << 8;
	after = rdtsc();
	return (struct pit_reading){before + (after - before) / 2, count};
}

void pit_start_measurement(void)
{
	outb(PIT_COMMAND, CH0_MODE2_LOHI);
	outb(PIT_CH0_DATA, 0); /* reload value 0 means 65536 */
	outb(PIT_CH0_DATA, 0);
	start = pit_read();
}

uint64_t pit_measure_tsc_khz(void)
{
	struct pit_reading prev, now;
	uint64_t ticks = 0;
	int idle_reads = 0;

	if (rdtsc() - start.tsc > MAX_UNSEEN_CYCLES)
		start = pit_read();
	prev = start;
	while (ticks < MIN_SPAN_TICKS) {
		now = pit_read();
		if (now.count == prev.count && ++idle_reads > MAX_IDLE_READS) {
			pr_warn("clock: the PIT does not count; assuming a 1 GHz TSC\n");
			return FALLBACK_KHZ;
		}
		ticks += (uint16_t)(prev.count - now.count); /* down-counter, modulo 2^16 */
		prev = now;
	}
	return (now.tsc - start.tsc) * PIT_HZ / ticks / 1000;
}
