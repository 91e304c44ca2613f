/* Uptime and the wall-clock time of boot (as node_exporter's node_boot_time_seconds). */
#include <tessera/metrics.h>
#include <tessera/plat/time.h>
#include "time_internal.h"

static uint64_t uptime_ns(void)
{
	return plat_clock_ns();
}
METRIC_READ(uptime_ns, METRIC_GAUGE, "tessera_uptime_seconds",
	    "Time since the kernel's first instruction", 9);

/* The wall clock minus the monotonic clock, which starts at the first instruction. */
static uint64_t boot_time_ns(void)
{
	int64_t offset = vvar_realtime_offset();

	return offset > 0 ? offset : 0;
}
METRIC_READ(boot_time_ns, METRIC_GAUGE, "tessera_boot_time_seconds",
	    "Wall-clock time of boot, in seconds since the epoch (0 without realtime=)", 9);
