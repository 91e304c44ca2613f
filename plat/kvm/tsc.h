/* Conversions between the TSC and the monotonic clock, for the timer. */
#ifndef PLAT_KVM_TSC_H
#define PLAT_KVM_TSC_H

#include <stdint.h>

/* TSC value at which the monotonic clock reads ns. */
uint64_t tsc_from_ns(uint64_t ns);

#endif
