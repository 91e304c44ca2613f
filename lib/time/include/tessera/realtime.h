/*
 * Wall-clock time.  microvm has no usable RTC, so the host's time comes on
 * the command line (realtime=SECONDS[.NANOSECONDS], which `tessera run`
 * passes) and advances with the monotonic clock.
 */
#ifndef TESSERA_REALTIME_H
#define TESSERA_REALTIME_H

#include <stdint.h>

/* Nanoseconds since the Unix epoch. */
uint64_t realtime_ns(void);
void realtime_set(uint64_t ns);
/*
 * Woken whenever the wall clock is set: timers on CLOCK_REALTIME put callback
 * entries here (waitq_add_callback) to follow it.
 */
struct waitq *realtime_set_waitq(void);
/* The monotonic time at which the wall clock reads ns (0 if that was before boot). */
uint64_t realtime_to_monotonic(uint64_t ns);
/* CPU time used: the monotonic clock minus idle time. */
uint64_t cpu_time_ns(void);

#endif
