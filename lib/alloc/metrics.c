/* Memory: the RAM the machine was given, and what the default allocator has left of it. */
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/metrics.h>

static struct alloc_stats stats(void)
{
	struct alloc_stats st;

	alloc_default()->ops->stats(alloc_default(), &st);
	return st;
}

static uint64_t total_bytes(void)
{
	return boot_info()->total_mem;
}
METRIC_READ(total_bytes, METRIC_GAUGE, "tessera_memory_total_bytes", "RAM the machine was given", 0);

static uint64_t free_bytes(void)
{
	return stats().free_bytes;
}
METRIC_READ(free_bytes, METRIC_GAUGE, "tessera_memory_free_bytes",
	    "Memory the allocator can still hand out", 0);

static uint64_t used_bytes(void)
{
	return total_bytes() - free_bytes();
}
METRIC_READ(used_bytes, METRIC_GAUGE, "tessera_memory_used_bytes",
	    "RAM not free: the kernel image, page tables, allocations and program pages", 0);

static uint64_t allocations(void)
{
	return stats().allocations;
}
METRIC_READ(allocations, METRIC_GAUGE, "tessera_memory_allocations",
	    "Live allocations in the default allocator", 0);
