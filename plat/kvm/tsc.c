/*
 * The TSC as the monotonic clock.
 *
 * Its frequency comes from, in order: the tsc_khz= kernel option, CPUID leaf
 * 0x15 (crystal ratio), the hypervisor's leaf 0x40000010, kvmclock, and
 * last a measurement against the PIT.  Under TCG only the last exists, and
 * busy-waiting 100 ms for it (as others do) would dominate boot, so the
 * measurement is started at boot, runs while the kernel boots, and is
 * finished the first time someone asks for the time; a program that never
 * asks never waits.
 */
#include <errno.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/irq.h>
#include <tessera/arch/layout.h>
#include <tessera/boot.h>
#include <tessera/cmdline.h>
#include <tessera/plat/time.h>
#include <tessera/printk.h>
#include "pit.h"
#include "tsc.h"

#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01
#define KVM_FEATURE_CLOCKSOURCE2 (1u << 3)

static uint64_t tsc_khz;
static uint64_t tsc_at_zero;
/* ns = (tsc - tsc_at_zero) * ns_mult >> 32, and back with tsc_mult. */
static uint64_t ns_mult, tsc_mult;

static int set_tsc_khz(const char *value)
{
	uint64_t khz;

	if (!value || cmdline_number(value, 10, NULL, &khz) || !khz)
		return -EINVAL;
	tsc_khz = khz;
	return 0;
}
KERNEL_PARAM("tsc_khz", set_tsc_khz, "TSC frequency in kHz: skips its measurement");

static uint64_t khz_from_cpuid_15(void)
{
	struct cpuid_regs r;

	if (cpuid(0, 0).eax < 0x15)
		return 0;
	r = cpuid(0x15, 0);
	if (!r.eax || !r.ebx || !r.ecx)
		return 0;
	return (uint64_t)r.ecx * r.ebx / r.eax / 1000;
}

static uint64_t khz_from_hypervisor_leaf(void)
{
	if (!cpu_features.hypervisor || cpuid(0x40000000, 0).eax < 0x40000010)
		return 0;
	return cpuid(0x40000010, 0).eax;
}

struct pvclock_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
} __packed;

static struct pvclock_time_info kvmclock __aligned(64);

/* kvmclock: ns = ((tsc << shift) * mul) >> 32, so khz = 10^6 * 2^32 / mul >> shift. */
static uint64_t khz_from_kvmclock(void)
{
	struct cpuid_regs sig;
	uint64_t khz;

	if (!cpu_features.hypervisor)
		return 0;
	sig = cpuid(0x40000000, 0);
	if (sig.ebx != 0x4b4d564b || !(cpuid(0x40000001, 0).eax & KVM_FEATURE_CLOCKSOURCE2))
		return 0; /* not KVM ("KVMKVMKVM") */
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, virt_to_phys(&kvmclock) | 1);
	while (!READ_ONCE(kvmclock.tsc_to_system_mul))
		cpu_relax();
	khz = (1000000ULL << 32) / kvmclock.tsc_to_system_mul;
	khz = kvmclock.tsc_shift >= 0 ? khz >> kvmclock.tsc_shift : khz << -kvmclock.tsc_shift;
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	return khz;
}

static void set_frequency(uint64_t khz)
{
	tsc_khz = khz;
	ns_mult = (1000000ULL << 32) / khz;
	tsc_mult = (khz << 32) / 1000000;
}

uint64_t plat_tsc_khz(void)
{
	if (!ns_mult)
		set_frequency(pit_measure_tsc_khz());
	return tsc_khz;
}

bool plat_clock_tsc(uint64_t *at_zero, uint64_t *mult)
{
	*at_zero = tsc_at_zero;
	*mult = ns_mult;
	return ns_mult != 0;
}

uint64_t plat_clock_ns(void)
{
	uint64_t delta;

	if (unlikely(!ns_mult))
		plat_tsc_khz();
	delta = rdtsc() - tsc_at_zero;
	return (uint64_t)(((unsigned __int128)delta * ns_mult) >> 32);
}

static int tsc_clock_init(void)
{
	tsc_at_zero = boot_info()->boot_tsc;
	if (!tsc_khz)
		tsc_khz = khz_from_cpuid_15();
	if (!tsc_khz)
		tsc_khz = khz_from_hypervisor_leaf();
	if (!tsc_khz)
		tsc_khz = khz_from_kvmclock();
	if (tsc_khz)
		set_frequency(tsc_khz);
	else
		pit_start_measurement();
	if (!cpu_features.invariant_tsc)
		pr_info("clock: the TSC is not marked invariant; timekeeping assumes it is\n");
	return 0;
}
INITCALL(tsc_clock_init, INIT_PLAT);

uint64_t tsc_from_ns(uint64_t ns)
{
	plat_tsc_khz();
	return tsc_at_zero + (uint64_t)(((unsigned __int128)ns * tsc_mult) >> 32);
}
