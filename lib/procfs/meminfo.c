/*
 * /proc/meminfo, in Linux's keys, order and layout (a key padded to 16
 * columns, a value to 8, " kB").  Free memory is the default allocator's: the program's
 * pages and the kernel's come from it.  There is no page cache, swap or
 * huge page pool: those lines are 0.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/mm.h>
#include "procfs_internal.h"

#define VMALLOC_TOTAL_KB 34359738367UL /* what x86_64 Linux reports (32 TiB - 1 kB) */
#define HUGEPAGE_KB	 2048UL
#define OVERCOMMIT_RATIO 50 /* percent: CommitLimit, as vm.overcommit_ratio's default */
#define KEY_WIDTH	 16
#define VALUE_WIDTH	 8

/* A longer key takes from the value's width (as "HardwareCorrupted: %5lu" does). */
static void put_line(struct proc_buf *b, const char *key, unsigned long value, const char *unit)
{
	int over = MAX((int)strlen(key) - KEY_WIDTH, 0);

	proc_printf(b, "%-*s%*lu%s\n", KEY_WIDTH, key, MAX(VALUE_WIDTH - over, 1), value, unit);
}

int proc_show_meminfo(struct proc_buf *b, const struct proc_node *node)
{
	struct alloc_stats mem;
	struct mm_stats mm;
	unsigned long total, free, anon;

	(void)node;
	alloc_default()->ops->stats(alloc_default(), &mem);
	mm_get_stats(&mm);
	total = boot_info()->total_mem / 1024;
	free = mem.free_bytes / 1024;
	anon = mm.resident_pages * 4;

	const struct {
		const char *key;
		unsigned long kb;
	} lines[] = {
		{"MemTotal:", total},
		{"MemFree:", free},
		{"MemAvailable:", free},
		{"Buffers:", 0},
		{"Cached:", 0},
		{"SwapCached:", 0},
		{"Active:", anon},
		{"Inactive:", 0},
		{"Active(anon):", anon},
		{"Inactive(anon):", 0},
		{"Active(file):", 0},
		{"Inactive(file):", 0},
		{"Unevictable:", 0},
		{"Mlocked:", 0},
		{"SwapTotal:", 0},
		{"SwapFree:", 0},
		{"Zswap:", 0},
		{"Zswapped:", 0},
		{"Dirty:", 0},
		{"Writeback:", 0},
		{"AnonPages:", anon},
		{"Mapped:", 0},
		{"Shmem:", 0},
		{"KReclaimable:", 0},
		{"Slab:", 0},
		{"SReclaimable:", 0},
		{"SUnreclaim:", 0},
		{"KernelStack:", 0},
		{"PageTables:", 0},
		{"SecPageTables:", 0},
		{"NFS_Unstable:", 0},
		{"Bounce:", 0},
		{"WritebackTmp:", 0},
		{"CommitLimit:", total * OVERCOMMIT_RATIO / 100},
		{"Committed_AS:", mm.mapped_bytes / 1024},
		{"VmallocTotal:", VMALLOC_TOTAL_KB},
		{"VmallocUsed:", 0},
		{"VmallocChunk:", 0},
		{"Percpu:", 0},
		{"HardwareCorrupted:", 0},
		{"AnonHugePages:", 0},
		{"ShmemHugePages:", 0},
		{"ShmemPmdMapped:", 0},
		{"FileHugePages:", 0},
		{"FilePmdMapped:", 0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		put_line(b, lines[i].key, lines[i].kb, " kB");
	put_line(b, "HugePages_Total:", 0, "");
	put_line(b, "HugePages_Free:", 0, "");
	put_line(b, "HugePages_Rsvd:", 0, "");
	put_line(b, "HugePages_Surp:", 0, "");
	put_line(b, "Hugepagesize:", HUGEPAGE_KB, " kB");
	put_line(b, "Hugetlb:", 0, " kB");
	return 0;
}
