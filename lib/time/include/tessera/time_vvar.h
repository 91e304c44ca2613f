/*
 * The clock page: what a program's vDSO (lib/vdso) needs to read the
 * clocks without a syscall, mapped read-only into the program.  The kernel
 * writes it under a sequence count (odd while writing); a reader retries
 * while the count is odd or changed under it.
 *
 *	monotonic ns = (rdtsc() - tsc_at_zero) * ns_mult >> 64-32
 *	realtime ns  = monotonic ns + realtime_offset_ns
 */
#ifndef TESSERA_TIME_VVAR_H
#define TESSERA_TIME_VVAR_H

#include <stdint.h>

struct time_vvar {
	uint32_t seq;
	uint32_t tsc_valid; /* 0 until the TSC's frequency is known: make the syscall */
	uint64_t tsc_at_zero;
	uint64_t ns_mult;   /* ns = delta * ns_mult >> 32 */
	int64_t realtime_offset_ns;
};

/* The page holding it (4096 bytes, page aligned), its TSC fields filled in if they can be. */
const void *time_vvar_page(void);

#endif
