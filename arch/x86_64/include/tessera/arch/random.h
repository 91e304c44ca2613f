/* The CPU's random-number instructions; false when the CPU has none to give. */
#ifndef TESSERA_ARCH_RANDOM_H
#define TESSERA_ARCH_RANDOM_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/arch/cpu.h>

#define RANDOM_RETRIES 10

static inline bool arch_rdseed(uint64_t *v)
{
	bool ok;

	__asm__ __volatile__("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static inline bool arch_rdrand(uint64_t *v)
{
	bool ok;

	__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

/* A hardware random number: RDSEED, else RDRAND, each retried a few times. */
static inline bool arch_random_u64(uint64_t *v)
{
	for (int i = 0; cpu_features.rdseed && i < RANDOM_RETRIES; i++) {
		if (arch_rdseed(v))
			return true;
	}
	for (int i = 0; cpu_features.rdrand && i < RANDOM_RETRIES; i++) {
		if (arch_rdrand(v))
			return true;
	}
	return false;
}

#endif
