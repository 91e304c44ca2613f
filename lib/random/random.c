/*
 * Entropy for the kernel.  RDSEED/RDRAND when the CPU has them (TCG and
 * KVM do for -cpu max/host); otherwise the low bits of TSC readings taken
 * around memory accesses and port I/O, whose timing jitters, folded together
 * with a 64-bit finaliser (SplitMix64's) so that every input bit affects
 * every output bit.
 */
#include <tessera/arch/cpu.h>
#include <tessera/arch/random.h>
#include <tessera/random.h>

#define JITTER_SAMPLES 64

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t jitter_u64(void)
{
	static uint64_t state = 0x9e3779b97f4a7c15ULL;
	volatile uint8_t scratch[64];

	for (int i = 0; i < JITTER_SAMPLES; i++) {
		uint64_t t = rdtsc();

		scratch[(t >> 3) % sizeof(scratch)] ^= (uint8_t)t;
		(void)inb(0x80); /* a port access takes a variable time */
		state = mix64(state ^ (rdtsc() - t) ^ (t << 17));
	}
	return state;
}

uint64_t random_u64(void)
{
	uint64_t v;

	if (arch_random_u64(&v))
		return v;
	return jitter_u64();
}
