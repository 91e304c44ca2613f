/* Measuring the TSC frequency against the i8254 PIT (see tsc.c). */
#ifndef PLAT_KVM_PIT_H
#define PLAT_KVM_PIT_H

#include <stdint.h>

void pit_start_measurement(void);
/* Finish the measurement, waiting until it spans enough time. */
uint64_t pit_measure_tsc_khz(void);

#endif
