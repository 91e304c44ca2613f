/* Page faults handled and the program pages they brought in. */
#include <tessera/metrics.h>
#include "mm_internal.h"

static uint64_t page_faults(void)
{
	return mm_page_faults;
}
METRIC_READ(page_faults, METRIC_COUNTER, "tessera_page_faults_total",
	    "Page faults in program memory that were resolved (demand paging, copy on write)", 0);

static uint64_t resident_bytes(void)
{
	return (uint64_t)mm_resident_pages * MM_PAGE;
}
METRIC_READ(resident_bytes, METRIC_GAUGE, "tessera_memory_program_resident_bytes",
	    "Program memory backed by pages of its own (not shared with files or the zero page)", 0);
