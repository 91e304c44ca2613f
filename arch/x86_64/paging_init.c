/*
 * The final page tables, built once at boot.
 *
 * The boot tables (pvh_entry.S) map the first GiB three times with large,
 * writable, executable pages.  Here each part of the image gets exactly the
 * rights it needs (text RX, rodata and symbols R, data and bss RW, all but
 * text NX), RAM is mapped at the direct map (minus the image, so that text
 * has no writable alias), and the page below each boot stack stays unmapped.
 * The low identity mapping is gone afterwards: address 0 faults.
 */
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/paging.h>
#include <tessera/arch/stacks.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include "paging_internal.h"

#define BOOT_POOL_PAGES 64

static int map_image_part(char *start, char *end, unsigned int prot)
{
	uintptr_t va = (uintptr_t)start;

	return pt_map(va, virt_to_phys(start), ALIGN_UP((uintptr_t)end, PAGE_SIZE) - va, prot);
}

static int map_image(void)
{
	int err;

	err = map_image_part(_text, _etext, VM_READ | VM_EXEC);
	err = err ?: map_image_part(_rodata, _erodata, VM_READ);
	err = err ?: map_image_part(_data, _ebss, VM_READ | VM_WRITE);
	err = err ?: map_image_part(_ebss, _end, VM_READ);
	return err;
}

/* Map RAM region [base, end) at the direct map, leaving out the image's pages. */
static int map_ram(uintptr_t base, uintptr_t end)
{
	uintptr_t img_lo = virt_to_phys(__boot_start), img_hi = virt_to_phys(_end);
	int err = 0;

	base = ALIGN_UP(base, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	img_hi = ALIGN_UP(img_hi, PAGE_SIZE);
	if (base < img_lo)
		err = pt_map((uintptr_t)phys_to_virt(base), base, MIN(end, img_lo) - base,
			     VM_READ | VM_WRITE);
	if (!err && end > img_hi) {
		base = MAX(base, img_hi);
		err = pt_map((uintptr_t)phys_to_virt(base), base, end - base, VM_READ | VM_WRITE);
	}
	return err;
}

/* Take the page-table pool from the first free region that can hold it. */
static int reserve_boot_pool(struct boot_info *bi)
{
	for (int i = 0; i < bi->nr_free_mem; i++) {
		struct mem_region *r = &bi->free_mem[i];
		uintptr_t base = ALIGN_UP(r->base, PAGE_SIZE);
		uintptr_t end = base + BOOT_POOL_PAGES * PAGE_SIZE;

		if (end <= r->base + r->len && end <= (1UL << 30)) {
			pt_set_boot_pool(base, end);
			return i;
		}
	}
	return -1;
}

/* What the pool did not use returns to its free region. */
static void give_back_boot_pool(struct mem_region *r)
{
	uintptr_t used_end = pt_boot_pool_used_end();

	pr_debug("paging: W^X tables active, %lu KiB of tables\n",
		 (unsigned long)(used_end - r->base) / 1024);
	r->len -= used_end - r->base;
	r->base = used_end;
}

static int paging_init(void)
{
	struct boot_info *bi = boot_info();
	int pool = reserve_boot_pool(bi);
	int err;

	if (pool < 0)
		panic("paging: no memory for page tables");
	err = pt_new_root();
	err = err ?: map_image();
	for (int i = 0; !err && i < bi->nr_ram; i++)
		err = map_ram(bi->ram[i].base, bi->ram[i].base + bi->ram[i].len);
	for (const struct boot_stack *s = boot_stacks; !err && s->base; s++)
		err = pt_unmap((uintptr_t)s->base - PAGE_SIZE, PAGE_SIZE);
	if (err)
		panic("paging: cannot build the page tables (%d)", err);
	pt_activate();

	give_back_boot_pool(&bi->free_mem[pool]);
	return 0;
}
INITCALL(paging_init, INIT_ARCH);
