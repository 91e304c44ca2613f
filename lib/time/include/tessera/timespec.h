/*
 * Times the application passes as struct timespec (timeouts, deadlines),
 * for every library whose syscalls take one.
 */
#ifndef TESSERA_TIMESPEC_H
#define TESSERA_TIMESPEC_H

#include <linux/time_types.h>
#include <stdint.h>

/* Later times are clamped to this (146 years), so that deadlines never overflow. */
#define TIME_FAR_FUTURE_NS (1ULL << 62)

/* The nanoseconds a user's timespec holds: 0, -EFAULT, or -EINVAL (negative, or tv_nsec >= 1e9). */
int timespec_from_user(const struct __kernel_timespec *user, uint64_t *ns);
/* The monotonic time ns from now. */
uint64_t deadline_after_ns(uint64_t ns);

#endif
