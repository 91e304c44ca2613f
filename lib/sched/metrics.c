/* Time the CPU spent idle, waiting for an interrupt with no thread to run. */
#include <tessera/metrics.h>
#include <tessera/sched.h>

METRIC_READ(sched_idle_ns, METRIC_COUNTER, "tessera_cpu_idle_seconds_total",
	    "Time the CPU spent idle, with no runnable thread", 9);
