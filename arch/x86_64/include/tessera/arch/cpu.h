/* x86_64 instructions that C cannot express: CPUID, MSRs, control registers, ports. */
#ifndef TESSERA_ARCH_CPU_H
#define TESSERA_ARCH_CPU_H

#include <stdint.h>
#include <tessera/compiler.h>

#define CR0_WP (1UL << 16)
#define CR4_PAE        (1UL << 5)
#define CR4_OSFXSR     (1UL << 9)
#define CR4_OSXMMEXCPT (1UL << 10)
#define CR4_FSGSBASE   (1UL << 16)
#define CR4_OSXSAVE    (1UL << 18)

#define MSR_APIC_BASE    0x1b
#define MSR_TSC_DEADLINE 0x6e0
#define MSR_EFER         0xc0000080
#define MSR_FS_BASE      0xc0000100
#define MSR_GS_BASE      0xc0000101
#define EFER_NXE         (1UL << 11)

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ __volatile__("wrmsr" ::"c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32))
			     : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR_ACCESSORS(n)                                                                     \
	static inline uint64_t read_cr##n(void)                                                    \
	{                                                                                          \
		uint64_t v;                                                                        \
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));                              \
		return v;                                                                          \
	}                                                                                          \
	static inline void write_cr##n(uint64_t v)                                                 \
	{                                                                                          \
		__asm__ __volatile__("mov %0, %%cr" #n ::"r"(v) : "memory");                       \
	}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void invlpg(const void *va)
{
	__asm__ __volatile__("invlpg (%0)" ::"r"(va) : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause");
}

static inline uintptr_t read_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

/* Set at boot from CPUID; read by everything that needs a feature test. */
struct cpu_features {
	unsigned int x2apic : 1;
	unsigned int tsc_deadline : 1;
	unsigned int rdrand : 1;
	unsigned int rdseed : 1;
	unsigned int xsave : 1;
	unsigned int avx : 1;
	unsigned int fsgsbase : 1;
	unsigned int hypervisor : 1;
	unsigned int invariant_tsc : 1;
	unsigned int nx : 1;
	unsigned int pdpe1gb : 1;
	uint32_t xsave_size; /* bytes of the XSAVE area for the enabled state */
	uint64_t xcr0;
};

extern struct cpu_features cpu_features;

/* Called once by the platform entry, before anything else runs. */
void arch_cpu_init(void);

#endif /* TESSERA_ARCH_CPU_H */
