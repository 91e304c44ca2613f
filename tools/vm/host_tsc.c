/*
 * Under TCG the guest's TSC is the host's (QEMU reads it with rdtsc), so
 * its rate is known here, and passing it as tsc_khz= spares every boot the
 * guest's own measurement against the PIT (milliseconds under TCG).  Under
 * -icount the TSC follows the instruction count instead, and KVM tells the
 * guest itself.  Measured once per host boot, then cached.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>
#include "vm.h"

#define MEASURE_NS 20000000 /* 20 ms: within 0.01 % */

static uint64_t monotonic_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC_RAW, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

/* Whether the host's TSC ticks at one rate whatever the CPU's frequency and state. */
static bool tsc_constant(void)
{
	char line[4096];
	bool constant = false, nonstop = false;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		constant = strstr(line, " constant_tsc") != NULL;
		nonstop = strstr(line, " nonstop_tsc") != NULL;
		break;
	}
	fclose(f);
	return constant && nonstop;
}

static uint64_t measure_khz(void)
{
	uint64_t ns0 = monotonic_ns(), tsc0 = __rdtsc(), ns1, tsc1;

	while ((ns1 = monotonic_ns()) - ns0 < MEASURE_NS)
		;
	tsc1 = __rdtsc();
	return (tsc1 - tsc0) * 1000000 / (ns1 - ns0);
}

static void boot_id(char *buf, size_t len)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	buf[0] = '\0';
	if (f) {
		if (fgets(buf, len, f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
}

static uint64_t host_tsc_khz(void)
{
	char path[4096], id[64], cached_id[64];
	unsigned long long khz = 0;
	FILE *f;

	if (!tsc_constant())
		return 0;
	boot_id(id, sizeof(id));
	vm_cache_file("tsc", path, sizeof(path));
	f = fopen(path, "r");
	if (f) {
		bool hit = fscanf(f, "%63s %llu", cached_id, &khz) == 2 && !strcmp(cached_id, id);

		fclose(f);
		if (hit && khz)
			return khz;
	}
	khz = measure_khz();
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%s %llu\n", id, khz);
		fclose(f);
	}
	return khz;
}

int vm_clock_options(const struct vm_config *cfg, char **options)
{
	char word[32];
	uint64_t khz;

	if (cfg->accel != VM_ACCEL_TCG || cfg->icount)
		return 0;
	khz = host_tsc_khz();
	if (!khz)
		return 0;
	snprintf(word, sizeof(word), "tsc_khz=%llu", (unsigned long long)khz);
	return vm_options_add(options, word);
}
