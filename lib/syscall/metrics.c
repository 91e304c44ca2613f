/* Syscall counts by name, from the dispatcher's per-number counters (no cost on the hot path). */
#include <tessera/fmt.h>
#include <tessera/metrics.h>
#include <tessera/syscall.h>

static void collect(struct metrics_out *out, bool unimplemented_only)
{
	char number[16];

	for (unsigned long nr = 0; nr < NR_SYSCALLS; nr++) {
		uint64_t n = syscall_count(nr);
		const char *name = syscall_name(nr);

		if (!n || (unimplemented_only && syscall_implemented(nr)))
			continue;
		if (!name) {
			fmt_snprintf(number, sizeof(number), "%lu", nr);
			name = number;
		}
		metric_sample(out, name, n);
	}
}

static void collect_calls(struct metrics_out *out)
{
	collect(out, false);
}
METRIC_COLLECT(collect_calls, METRIC_COUNTER, "tessera_syscalls_total",
	       "System calls made, by name (by number for numbers Linux does not define)", "name", 0);

static void collect_unimplemented(struct metrics_out *out)
{
	collect(out, true);
}
METRIC_COLLECT(collect_unimplemented, METRIC_COUNTER, "tessera_syscalls_unimplemented_total",
	       "System calls made that failed with ENOSYS because the kernel lacks them", "name", 0);
