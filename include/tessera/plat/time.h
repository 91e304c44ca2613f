/*
 * Platform time: a monotonic clock in nanoseconds since boot and a one-shot
 * timer that interrupts at an absolute monotonic time.
 */
#ifndef TESSERA_PLAT_TIME_H
#define TESSERA_PLAT_TIME_H

#include <stdbool.h>
#include <stdint.h>

#define NSEC_PER_SEC  1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

/* Nanoseconds since the clock started; never goes backwards. */
uint64_t plat_clock_ns(void);
/* TSC frequency in kHz (measured on first use if no CPUID/hypervisor leaf gives it). */
uint64_t plat_tsc_khz(void);
/*
 * The clock as the TSC gives it, ns = (tsc - tsc_at_zero) * ns_mult >> 32,
 * for code that reads the TSC itself (a program's vDSO).  False while the
 * frequency is not known yet.
 */
bool plat_clock_tsc(uint64_t *tsc_at_zero, uint64_t *ns_mult);

/*
 * Interrupt once at monotonic time deadline_ns (now or in the past: as soon
 * as possible), replacing the previous setting.
 */
void plat_timer_arm(uint64_t deadline_ns);
/* Called from the timer interrupt, interrupts disabled. */
void plat_timer_set_handler(void (*handler)(void));

/* The platform's real-time clock, in seconds since the epoch; false without one. */
bool plat_wall_clock(uint64_t *seconds);

#endif
