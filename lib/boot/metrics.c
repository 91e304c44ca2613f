/* How long the boot took, from the first instruction to the application's main(). */
#include <tessera/boot.h>
#include <tessera/metrics.h>
#include <tessera/plat/time.h>

static uint64_t boot_duration_ns(void)
{
	const struct boot_info *bi = boot_info();
	uint64_t khz = plat_tsc_khz();

	return khz ? (bi->main_tsc - bi->boot_tsc) * 1000000 / khz : 0;
}
METRIC_READ(boot_duration_ns, METRIC_GAUGE, "tessera_boot_duration_seconds",
	    "Time from the kernel's first instruction to the application's main()", 9);
