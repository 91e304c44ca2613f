/*
 * /proc/cpuinfo: one processor, described from CPUID as Linux does.  The
 * flags are Linux's names for the CPUID bits the CPU reports, in Linux's
 * order, less those whose register state the kernel did not enable in
 * XCR0 (a program must not use AVX because cpuinfo said so when the kernel
 * would not save its registers).
 */
#include <string.h>
#include <tessera/arch/cpu.h>
#include <tessera/plat/time.h>
#include "procfs_internal.h"

enum reg { EAX, EBX, ECX, EDX };

#define XSTATE_AVX    0x6  /* SSE and AVX (YMM) state */
#define XSTATE_AVX512 0xe6 /* and opmask, ZMM_Hi256, Hi16_ZMM */

struct cpu_flag {
	uint32_t leaf, subleaf;
	uint8_t reg, bit;
	uint8_t xstate; /* XCR0 bits it needs */
	const char *name;
};

/* clang-format off */
#define F(leaf, sub, reg, bit, name) {leaf, sub, reg, bit, 0, name}
#define FX(leaf, sub, reg, bit, xstate, name) {leaf, sub, reg, bit, xstate, name}

static const struct cpu_flag flags[] = {
	/* Linux's word 0: CPUID 1, EDX */
	F(1, 0, EDX, 0, "fpu"), F(1, 0, EDX, 1, "vme"), F(1, 0, EDX, 2, "de"),
	F(1, 0, EDX, 3, "pse"), F(1, 0, EDX, 4, "tsc"), F(1, 0, EDX, 5, "msr"),
	F(1, 0, EDX, 6, "pae"), F(1, 0, EDX, 7, "mce"), F(1, 0, EDX, 8, "cx8"),
	F(1, 0, EDX, 9, "apic"), F(1, 0, EDX, 11, "sep"), F(1, 0, EDX, 12, "mtrr"),
	F(1, 0, EDX, 13, "pge"), F(1, 0, EDX, 14, "mca"), F(1, 0, EDX, 15, "cmov"),
	F(1, 0, EDX, 16, "pat"), F(1, 0, EDX, 17, "pse36"), F(1, 0, EDX, 18, "pn"),
	F(1, 0, EDX, 19, "clflush"), F(1, 0, EDX, 21, "dts"), F(1, 0, EDX, 22, "acpi"),
	F(1, 0, EDX, 23, "mmx"), F(1, 0, EDX, 24, "fxsr"), F(1, 0, EDX, 25, "sse"),
	F(1, 0, EDX, 26, "sse2"), F(1, 0, EDX, 27, "ss"), F(1, 0, EDX, 28, "ht"),
	F(1, 0, EDX, 29, "tm"), F(1, 0, EDX, 30, "ia64"), F(1, 0, EDX, 31, "pbe"),
	/* word 1: CPUID 0x80000001, EDX */
	F(0x80000001, 0, EDX, 11, "syscall"), F(0x80000001, 0, EDX, 19, "mp"),
	F(0x80000001, 0, EDX, 20, "nx"), F(0x80000001, 0, EDX, 22, "mmxext"),
	F(0x80000001, 0, EDX, 25, "fxsr_opt"), F(0x80000001, 0, EDX, 26, "pdpe1gb"),
	F(0x80000001, 0, EDX, 27, "rdtscp"), F(0x80000001, 0, EDX, 29, "lm"),
	F(0x80000001, 0, EDX, 30, "3dnowext"), F(0x80000001, 0, EDX, 31, "3dnow"),
	/* word 3, synthetic: the TSC is invariant */
	F(0x80000007, 0, EDX, 8, "constant_tsc"), F(0x80000007, 0, EDX, 8, "nonstop_tsc"),
	/* word 4: CPUID 1, ECX (osxsave is not shown by Linux) */
	F(1, 0, ECX, 0, "pni"), F(1, 0, ECX, 1, "pclmulqdq"), F(1, 0, ECX, 2, "dtes64"),
	F(1, 0, ECX, 3, "monitor"), F(1, 0, ECX, 4, "ds_cpl"), F(1, 0, ECX, 5, "vmx"),
	F(1, 0, ECX, 6, "smx"), F(1, 0, ECX, 7, "est"), F(1, 0, ECX, 8, "tm2"),
	F(1, 0, ECX, 9, "ssse3"), F(1, 0, ECX, 10, "cid"), F(1, 0, ECX, 11, "sdbg"),
	FX(1, 0, ECX, 12, XSTATE_AVX, "fma"), F(1, 0, ECX, 13, "cx16"),
	F(1, 0, ECX, 14, "xtpr"), F(1, 0, ECX, 15, "pdcm"), F(1, 0, ECX, 17, "pcid"),
	F(1, 0, ECX, 18, "dca"), F(1, 0, ECX, 19, "sse4_1"), F(1, 0, ECX, 20, "sse4_2"),
	F(1, 0, ECX, 21, "x2apic"), F(1, 0, ECX, 22, "movbe"), F(1, 0, ECX, 23, "popcnt"),
	F(1, 0, ECX, 24, "tsc_deadline_timer"), F(1, 0, ECX, 25, "aes"),
	F(1, 0, ECX, 26, "xsave"), FX(1, 0, ECX, 28, XSTATE_AVX, "avx"),
	FX(1, 0, ECX, 29, XSTATE_AVX, "f16c"), F(1, 0, ECX, 30, "rdrand"),
	F(1, 0, ECX, 31, "hypervisor"),
	/* word 6: CPUID 0x80000001, ECX */
	F(0x80000001, 0, ECX, 0, "lahf_lm"), F(0x80000001, 0, ECX, 1, "cmp_legacy"),
	F(0x80000001, 0, ECX, 2, "svm"), F(0x80000001, 0, ECX, 3, "extapic"),
	F(0x80000001, 0, ECX, 4, "cr8_legacy"), F(0x80000001, 0, ECX, 5, "abm"),
	F(0x80000001, 0, ECX, 6, "sse4a"), F(0x80000001, 0, ECX, 7, "misalignsse"),
	F(0x80000001, 0, ECX, 8, "3dnowprefetch"), F(0x80000001, 0, ECX, 9, "osvw"),
	F(0x80000001, 0, ECX, 10, "ibs"), FX(0x80000001, 0, ECX, 11, XSTATE_AVX, "xop"),
	F(0x80000001, 0, ECX, 12, "skinit"), F(0x80000001, 0, ECX, 13, "wdt"),
	F(0x80000001, 0, ECX, 15, "lwp"), FX(0x80000001, 0, ECX, 16, XSTATE_AVX, "fma4"),
	F(0x80000001, 0, ECX, 17, "tce"), F(0x80000001, 0, ECX, 19, "nodeid_msr"),
	F(0x80000001, 0, ECX, 21, "tbm"), F(0x80000001, 0, ECX, 22, "topoext"),
	F(0x80000001, 0, ECX, 23, "perfctr_core"), F(0x80000001, 0, ECX, 24, "perfctr_nb"),
	F(0x80000001, 0, ECX, 26, "bpext"), F(0x80000001, 0, ECX, 28, "perfctr_llc"),
	F(0x80000001, 0, ECX, 29, "mwaitx"),
	/* word 9: CPUID 7.0, EBX */
	F(7, 0, EBX, 0, "fsgsbase"), F(7, 0, EBX, 1, "tsc_adjust"), F(7, 0, EBX, 2, "sgx"),
	F(7, 0, EBX, 3, "bmi1"), F(7, 0, EBX, 4, "hle"), FX(7, 0, EBX, 5, XSTATE_AVX, "avx2"),
	F(7, 0, EBX, 6, "fdp_excptn_only"), F(7, 0, EBX, 7, "smep"), F(7, 0, EBX, 8, "bmi2"),
	F(7, 0, EBX, 9, "erms"), F(7, 0, EBX, 10, "invpcid"), F(7, 0, EBX, 11, "rtm"),
	F(7, 0, EBX, 13, "zero_fcs_fds"), F(7, 0, EBX, 14, "mpx"), F(7, 0, EBX, 15, "rdt_a"),
	FX(7, 0, EBX, 16, XSTATE_AVX512, "avx512f"), FX(7, 0, EBX, 17, XSTATE_AVX512, "avx512dq"),
	F(7, 0, EBX, 18, "rdseed"), F(7, 0, EBX, 19, "adx"), F(7, 0, EBX, 20, "smap"),
	FX(7, 0, EBX, 21, XSTATE_AVX512, "avx512ifma"), F(7, 0, EBX, 23, "clflushopt"),
	F(7, 0, EBX, 24, "clwb"), F(7, 0, EBX, 25, "intel_pt"),
	FX(7, 0, EBX, 26, XSTATE_AVX512, "avx512pf"), FX(7, 0, EBX, 27, XSTATE_AVX512, "avx512er"),
	FX(7, 0, EBX, 28, XSTATE_AVX512, "avx512cd"), F(7, 0, EBX, 29, "sha_ni"),
	FX(7, 0, EBX, 30, XSTATE_AVX512, "avx512bw"), FX(7, 0, EBX, 31, XSTATE_AVX512, "avx512vl"),
	/* word 10: CPUID 0xd.1, EAX */
	F(0xd, 1, EAX, 0, "xsaveopt"), F(0xd, 1, EAX, 1, "xsavec"), F(0xd, 1, EAX, 2, "xgetbv1"),
	F(0xd, 1, EAX, 3, "xsaves"),
	/* word 12: CPUID 7.1, EAX */
	FX(7, 1, EAX, 4, XSTATE_AVX, "avx_vnni"), FX(7, 1, EAX, 5, XSTATE_AVX512, "avx512_bf16"),
	/* word 14: CPUID 6, EAX */
	F(6, 0, EAX, 0, "dtherm"), F(6, 0, EAX, 1, "ida"), F(6, 0, EAX, 2, "arat"),
	F(6, 0, EAX, 4, "pln"), F(6, 0, EAX, 6, "pts"),
	/* word 16: CPUID 7.0, ECX */
	FX(7, 0, ECX, 1, XSTATE_AVX512, "avx512vbmi"), F(7, 0, ECX, 2, "umip"),
	F(7, 0, ECX, 3, "pku"), F(7, 0, ECX, 4, "ospke"), F(7, 0, ECX, 5, "waitpkg"),
	FX(7, 0, ECX, 6, XSTATE_AVX512, "avx512_vbmi2"), F(7, 0, ECX, 8, "gfni"),
	FX(7, 0, ECX, 9, XSTATE_AVX, "vaes"), FX(7, 0, ECX, 10, XSTATE_AVX, "vpclmulqdq"),
	FX(7, 0, ECX, 11, XSTATE_AVX512, "avx512_vnni"),
	FX(7, 0, ECX, 12, XSTATE_AVX512, "avx512_bitalg"), F(7, 0, ECX, 13, "tme"),
	FX(7, 0, ECX, 14, XSTATE_AVX512, "avx512_vpopcntdq"), F(7, 0, ECX, 16, "la57"),
	F(7, 0, ECX, 22, "rdpid"), F(7, 0, ECX, 24, "bus_lock_detect"),
	F(7, 0, ECX, 25, "cldemote"), F(7, 0, ECX, 27, "movdiri"), F(7, 0, ECX, 28, "movdir64b"),
	F(7, 0, ECX, 29, "enqcmd"), F(7, 0, ECX, 30, "sgx_lc"),
	/* word 18: CPUID 7.0, EDX */
	FX(7, 0, EDX, 2, XSTATE_AVX512, "avx512_4vnniw"),
	FX(7, 0, EDX, 3, XSTATE_AVX512, "avx512_4fmaps"), F(7, 0, EDX, 4, "fsrm"),
	FX(7, 0, EDX, 8, XSTATE_AVX512, "avx512_vp2intersect"), F(7, 0, EDX, 10, "md_clear"),
	F(7, 0, EDX, 14, "serialize"), F(7, 0, EDX, 16, "tsxldtrk"), F(7, 0, EDX, 18, "pconfig"),
	F(7, 0, EDX, 19, "arch_lbr"), F(7, 0, EDX, 20, "ibt"),
	FX(7, 0, EDX, 23, XSTATE_AVX512, "avx512_fp16"), F(7, 0, EDX, 28, "flush_l1d"),
	F(7, 0, EDX, 29, "arch_capabilities"),
};
/* clang-format on */

static uint32_t reg_of(struct cpuid_regs r, enum reg reg)
{
	switch (reg) {
	case EAX:
		return r.eax;
	case EBX:
		return r.ebx;
	case ECX:
		return r.ecx;
	default:
		return r.edx;
	}
}

/* A leaf, or zeros past the highest the CPU has (which would repeat another leaf's data). */
static struct cpuid_regs leaf(uint32_t leaf, uint32_t subleaf)
{
	uint32_t max = cpuid(leaf & 0x80000000, 0).eax;

	return leaf <= max ? cpuid(leaf, subleaf) : (struct cpuid_regs){0};
}

/* The last leaf read: flags come grouped by leaf, and under a hypervisor each CPUID is an exit. */
struct leaf_cache {
	uint32_t leaf, subleaf;
	struct cpuid_regs r;
	bool valid;
};

static bool has_flag(const struct cpu_flag *f, struct leaf_cache *c)
{
	if ((cpu_features.xcr0 & f->xstate) != f->xstate)
		return false;
	if (!c->valid || c->leaf != f->leaf || c->subleaf != f->subleaf)
		*c = (struct leaf_cache){f->leaf, f->subleaf, leaf(f->leaf, f->subleaf), true};
	return reg_of(c->r, f->reg) & (1u << f->bit);
}

/* The brand string (leaves 0x80000002-4), without its leading blanks. */
static void put_model_name(struct proc_buf *b)
{
	char brand[49] = "";
	const char *p = brand;

	for (uint32_t i = 0; i < 3; i++) {
		struct cpuid_regs r = leaf(0x80000002 + i, 0);

		memcpy(brand + 16 * i, &r, 16);
	}
	brand[48] = '\0';
	while (*p == ' ')
		p++;
	proc_printf(b, "model name\t: %s\n", *p ? p : "unknown");
}

/* The last-level cache in KiB: L3 if AMD's leaf reports one, else L2. */
static unsigned int cache_kb(void)
{
	struct cpuid_regs r = leaf(0x80000006, 0);

	return (r.edx >> 18) ? (r.edx >> 18) * 512 : r.ecx >> 16;
}

int proc_show_cpuinfo(struct proc_buf *b, const struct proc_node *node)
{
	struct cpuid_regs v = cpuid(0, 0), id = leaf(1, 0), sizes = leaf(0x80000008, 0);
	unsigned int family = (id.eax >> 8) & 0xf, model = (id.eax >> 4) & 0xf;
	unsigned int clflush = ((id.ebx >> 8) & 0xff) * 8;
	uint64_t khz = plat_tsc_khz();
	struct leaf_cache cache = {0};
	char vendor[13];

	(void)node;
	memcpy(vendor, &v.ebx, 4);
	memcpy(vendor + 4, &v.edx, 4);
	memcpy(vendor + 8, &v.ecx, 4);
	vendor[12] = '\0';
	if (family == 0xf)
		family += (id.eax >> 20) & 0xff;
	if (family >= 6)
		model += ((id.eax >> 16) & 0xf) << 4;

	proc_printf(b, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n", vendor,
		    family, model);
	put_model_name(b);
	proc_printf(b, "stepping\t: %u\n", id.eax & 0xf);
	proc_printf(b, "cpu MHz\t\t: %lu.%03lu\n", (unsigned long)(khz / 1000),
		    (unsigned long)(khz % 1000));
	if (cache_kb())
		proc_printf(b, "cache size\t: %u KB\n", cache_kb());
	proc_printf(b, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n");
	proc_printf(b, "apicid\t\t: %u\ninitial apicid\t: %u\n", id.ebx >> 24, id.ebx >> 24);
	proc_printf(b, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n",
		    v.eax);
	proc_printf(b, "flags\t\t:");
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
		if (has_flag(&flags[i], &cache))
			proc_printf(b, " %s", flags[i].name);
	}
	/* BogoMIPS: two loops per TSC cycle, as Linux calibrates with the TSC; 2 decimals. */
	proc_printf(b, "\nbugs\t\t:\nbogomips\t: %lu.%02lu\n", (unsigned long)(khz / 500),
		    (unsigned long)(khz / 5 % 100));
	proc_printf(b, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush, clflush);
	proc_printf(b, "address sizes\t: %u bits physical, %u bits virtual\n", sizes.eax & 0xff,
		    (sizes.eax >> 8) & 0xff);
	proc_printf(b, "power management:\n\n");
	return 0;
}
