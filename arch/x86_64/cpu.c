/*
 * CPU set-up at boot: feature detection, protection bits (NX, write-protect
 * for ring 0), the x87/SSE/AVX state that applications compiled with gcc's
 * defaults expect, then segments and the interrupt table.
 */
#include <tessera/arch/cpu.h>
#include <tessera/arch/segments.h>

#define XCR0_X87      (1UL << 0)
#define XCR0_SSE      (1UL << 1)
#define XCR0_AVX      (1UL << 2)
#define XCR0_OPMASK   (1UL << 5)
#define XCR0_ZMM_HI256 (1UL << 6)
#define XCR0_HI16_ZMM (1UL << 7)
/* User state the kernel enables when the CPU has it; larger components wait for a user. */
#define XCR0_WANTED (XCR0_X87 | XCR0_SSE | XCR0_AVX | XCR0_OPMASK | XCR0_ZMM_HI256 | XCR0_HI16_ZMM)
#define MXCSR_DEFAULT 0x1f80

struct cpu_features cpu_features;

static void detect_features(void)
{
	struct cpuid_regs l1 = cpuid(1, 0), l7 = cpuid(7, 0);
	uint32_t max_ext = cpuid(0x80000000, 0).eax;

	cpu_features.x2apic = !!(l1.ecx & (1u << 21));
	cpu_features.tsc_deadline = !!(l1.ecx & (1u << 24));
	cpu_features.xsave = !!(l1.ecx & (1u << 26));
	cpu_features.avx = !!(l1.ecx & (1u << 28));
	cpu_features.rdrand = !!(l1.ecx & (1u << 30));
	cpu_features.hypervisor = !!(l1.ecx & (1u << 31));
	cpu_features.fsgsbase = !!(l7.ebx & (1u << 0));
	cpu_features.rdseed = !!(l7.ebx & (1u << 18));
	if (max_ext >= 0x80000001) {
		struct cpuid_regs e1 = cpuid(0x80000001, 0);

		cpu_features.nx = !!(e1.edx & (1u << 20));
		cpu_features.pdpe1gb = !!(e1.edx & (1u << 26));
	}
	if (max_ext >= 0x80000007)
		cpu_features.invariant_tsc = !!(cpuid(0x80000007, 0).edx & (1u << 8));
}

static void xsetbv(uint32_t index, uint64_t value)
{
	__asm__ __volatile__("xsetbv" ::"c"(index), "a"((uint32_t)value),
			     "d"((uint32_t)(value >> 32)));
}

static void enable_vector_state(void)
{
	uint32_t mxcsr = MXCSR_DEFAULT;

	write_cr0((read_cr0() & ~(1UL << 2)) | (1UL << 1) | (1UL << 5)); /* -EM +MP +NE */
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	if (cpu_features.xsave) {
		struct cpuid_regs d = cpuid(0xd, 0);
		uint64_t supported = ((uint64_t)d.edx << 32) | d.eax;

		write_cr4(read_cr4() | CR4_OSXSAVE);
		cpu_features.xcr0 = supported & XCR0_WANTED;
		xsetbv(0, cpu_features.xcr0);
		/* EBX: size needed for the components enabled in XCR0. */
		cpu_features.xsave_size = cpuid(0xd, 0).ebx;
	} else {
		cpu_features.xsave_size = 512; /* FXSAVE area */
	}
	__asm__ __volatile__("fninit; ldmxcsr %0" ::"m"(mxcsr));
}

void arch_cpu_init(void)
{
	detect_features();
	if (cpu_features.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr0(read_cr0() | CR0_WP);
	if (cpu_features.fsgsbase)
		write_cr4(read_cr4() | CR4_FSGSBASE);
	enable_vector_state();
	gdt_init();
	idt_init();
}
