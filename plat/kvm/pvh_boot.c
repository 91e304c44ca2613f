/*
 * From the PVH start-of-day information to boot_main(): CPU set-up, then
 * struct hvm_start_info (command line, memory map, modules) turned into the
 * platform-neutral struct boot_info.  Everything is copied, so that the
 * loader's tables may be overwritten afterwards.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/stacks.h>
#include <tessera/arch/trap.h>
#include <tessera/boot.h>

#define HVM_START_MAGIC 0x336ec578
#define E820_RAM        1
/* Below 1 MiB lie the firmware's tables and the start-of-day information. */
#define LOW_MEMORY_END 0x100000

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr; /* version 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

static struct boot_info info;
static char cmdline[CONFIG_CMDLINE_MAX];

static void copy_cmdline(const struct hvm_start_info *si)
{
	if (si->cmdline_paddr) {
		const char *src = phys_to_virt(si->cmdline_paddr);
		size_t n = strnlen(src, sizeof(cmdline) - 1);

		memcpy(cmdline, src, n);
		cmdline[n] = '\0';
	}
}

static void add_region(struct mem_region *regions, int *n, uintptr_t base, uintptr_t end)
{
	if (end > base && *n < BOOT_MAX_MEM_REGIONS)
		regions[(*n)++] = (struct mem_region){base, end - base};
}

/* Add [base, end) to the free list minus the holes (sorted, disjoint). */
static void add_free_range(uintptr_t base, uintptr_t end, const struct mem_region *holes, int nholes)
{
	for (int i = 0; i < nholes && base < end; i++) {
		uintptr_t hole_lo = holes[i].base, hole_hi = holes[i].base + holes[i].len;

		if (hole_hi <= base || hole_lo >= end)
			continue;
		add_region(info.free_mem, &info.nr_free_mem, base, hole_lo);
		base = MAX(base, hole_hi);
	}
	add_region(info.free_mem, &info.nr_free_mem, base, end);
}

static void read_memory_map(const struct hvm_start_info *si)
{
	const struct hvm_memmap_entry *map = phys_to_virt(si->memmap_paddr);
	struct mem_region holes[2] = {
		{virt_to_phys(__boot_start), virt_to_phys(_end) - virt_to_phys(__boot_start)},
		{info.initrd, info.initrd_len},
	};

	if (holes[1].base < holes[0].base) {
		struct mem_region t = holes[0];

		holes[0] = holes[1];
		holes[1] = t;
	}
	for (uint32_t i = 0; si->version >= 1 && i < si->memmap_entries; i++) {
		uintptr_t base = map[i].addr, end = map[i].addr + map[i].size;

		if (map[i].type != E820_RAM)
			continue;
		add_region(info.ram, &info.nr_ram, base, end);
		info.total_mem += map[i].size;
		add_free_range(MAX(base, LOW_MEMORY_END), end, holes, 2);
	}
}

static void read_modules(const struct hvm_start_info *si)
{
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *mod = phys_to_virt(si->modlist_paddr);

		info.initrd = mod[0].paddr;
		info.initrd_len = mod[0].size;
	}
}

/* Called on the boot stack by pvh_entry.S; never returns. */
__noreturn void pvh_boot(uint32_t start_info_pa, uint64_t tsc)
{
	const struct hvm_start_info *si = phys_to_virt(start_info_pa);

	arch_cpu_init();
	trap_set_stack_bottom((uintptr_t)boot_stacks[0].base);
	info.boot_tsc = tsc;
	info.cmdline = cmdline;
	if (si->magic == HVM_START_MAGIC) {
		copy_cmdline(si);
		read_modules(si);
		read_memory_map(si);
	}
	boot_main(&info);
}
