/* Periodic TLB flushes under QEMU's TCG, driven by the LAPIC timer (see tlb_refresh.c). */
#ifndef PLAT_KVM_TLB_REFRESH_H
#define PLAT_KVM_TLB_REFRESH_H

#include <stdint.h>

/* With the clock running: under TCG, start refreshing. */
void tlb_refresh_init(void);
/* When the timer must fire next for a refresh; UINT64_MAX when none is needed. */
uint64_t tlb_refresh_deadline(void);
/* From the timer interrupt: refresh if it is time. */
void tlb_refresh_tick(void);

#endif
