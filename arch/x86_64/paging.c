/*
 * x86_64 four-level page tables.
 *
 * One walker, pt_walk(), finds or creates the entry for an address at the
 * level a mapping needs (a 4 KiB PTE or a 2 MiB PDE), splitting a large page
 * on the way when only part of it changes.  Map, unmap and protect are loops
 * over that walker.  Table pages come from the page allocator and are reached
 * through the direct map.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/paging.h>
#include <tessera/assert.h>
#include "paging_internal.h"

#define PTE_P   (1UL << 0)
#define PTE_W   (1UL << 1)
#define PTE_PWT (1UL << 3)
#define PTE_PCD (1UL << 4)
#define PTE_D   (1UL << 6)
#define PTE_PS  (1UL << 7)
#define PTE_FOREIGN (1UL << 9)   /* available to software */
#define PTE_PROTNONE (1UL << 10) /* not present to the CPU, but mapped: PROT_NONE */
#define PTE_MAPPED (PTE_P | PTE_PROTNONE)
#define PTE_NX  (1UL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000UL
#define LARGE_PAGE_SIZE (1UL << 21)

typedef uint64_t pte_t;

static pte_t *root_table;
static bool root_active; /* until then, no TLB entry can be stale */
static uintptr_t boot_pool_next, boot_pool_end;

static unsigned int level_index(uintptr_t va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

static pte_t prot_to_flags(unsigned int prot)
{
	pte_t f = prot & (VM_READ | VM_WRITE | VM_EXEC) ? PTE_P : PTE_PROTNONE;

	if (prot & VM_WRITE)
		f |= PTE_W;
	if (!(prot & VM_EXEC) && cpu_features.nx)
		f |= PTE_NX;
	if (prot & VM_NOCACHE)
		f |= PTE_PCD | PTE_PWT;
	if (prot & VM_FOREIGN)
		f |= PTE_FOREIGN;
	return f;
}

static unsigned int flags_to_prot(pte_t e)
{
	unsigned int prot = e & PTE_P ? VM_READ : 0;

	if (e & PTE_W)
		prot |= VM_WRITE;
	if (!(e & PTE_NX) && (e & PTE_P))
		prot |= VM_EXEC;
	if (e & PTE_PCD)
		prot |= VM_NOCACHE;
	if (e & PTE_FOREIGN)
		prot |= VM_FOREIGN;
	if (e & PTE_D)
		prot |= VM_DIRTY;
	return prot;
}

static pte_t *table_of(pte_t e)
{
	return phys_to_virt(e & PTE_ADDR_MASK);
}

void pt_set_boot_pool(uintptr_t pa, uintptr_t end)
{
	boot_pool_next = pa;
	boot_pool_end = end;
}

uintptr_t pt_boot_pool_used_end(void)
{
	uintptr_t used = boot_pool_next;

	boot_pool_next = boot_pool_end = 0;
	return used;
}

static pte_t *new_table(void)
{
	pte_t *t;

	if (boot_pool_next < boot_pool_end) {
		t = phys_to_virt(boot_pool_next);
		boot_pool_next += PAGE_SIZE;
	} else {
		t = page_alloc(1);
	}

	if (t)
		memset(t, 0, PAGE_SIZE);
	return t;
}

/* Replace a 2 MiB entry by a table of 512 4 KiB entries with the same rights. */
static int split_large(pte_t *e)
{
	pte_t *t = new_table();
	pte_t flags = *e & ~(PTE_ADDR_MASK | PTE_PS);
	uintptr_t pa = *e & PTE_ADDR_MASK;

	if (!t)
		return -ENOMEM;
	for (int i = 0; i < 512; i++)
		t[i] = (pa + i * PAGE_SIZE) | flags;
	*e = virt_to_phys(t) | PTE_P | PTE_W;
	return 0;
}

/*
 * Entry for va at target level (0: 4 KiB, 1: 2 MiB).  With create, missing
 * tables are allocated and large pages above the target level are split.
 * Without, NULL when nothing maps va at that level.
 */
static pte_t *pt_walk(uintptr_t va, int target, bool create, int *err)
{
	pte_t *table = root_table;

	for (int level = 3; level > target; level--) {
		pte_t *e = &table[level_index(va, level)];

		if (!(*e & PTE_P)) {
			pte_t *t;

			if (!create)
				return NULL;
			t = new_table();
			if (!t) {
				*err = -ENOMEM;
				return NULL;
			}
			*e = virt_to_phys(t) | PTE_P | PTE_W;
		} else if (*e & PTE_PS) {
			if (!create)
				return NULL;
			*err = split_large(e);
			if (*err)
				return NULL;
		}
		table = table_of(*e);
	}
	return &table[level_index(va, target)];
}

static bool fits_large(uintptr_t va, uintptr_t pa, size_t left)
{
	return IS_ALIGNED(va, LARGE_PAGE_SIZE) && IS_ALIGNED(pa, LARGE_PAGE_SIZE) &&
	       left >= LARGE_PAGE_SIZE;
}

int pt_map(uintptr_t va, uintptr_t pa, size_t len, unsigned int prot)
{
	pte_t flags = prot_to_flags(prot);
	int err = 0;

	ASSERT(IS_ALIGNED(va | pa | len, PAGE_SIZE));
	while (len) {
		bool large = fits_large(va, pa, len);
		pte_t *e = pt_walk(va, large ? 1 : 0, true, &err);
		/* Small pages: fill the rest of this table in one go. */
		size_t n = large ? 1 : MIN(512 - level_index(va, 0), len / PAGE_SIZE);
		size_t step = large ? LARGE_PAGE_SIZE : PAGE_SIZE;

		if (!e)
			return err;
		for (size_t i = 0; i < n; i++) {
			e[i] = pa | flags | (large ? PTE_PS : 0);
			if (root_active)
				invlpg((void *)va);
			va += step;
			pa += step;
			len -= step;
		}
	}
	return 0;
}

/* Apply fn to every mapped page of the range, splitting large pages it only partly covers. */
static int pt_update(uintptr_t va, size_t len, pte_t (*fn)(pte_t e, pte_t arg), pte_t arg)
{
	int err = 0;

	ASSERT(IS_ALIGNED(va | len, PAGE_SIZE));
	while (len) {
		pte_t *pde = pt_walk(va, 1, false, &err);
		bool whole_large = pde && (*pde & PTE_PS) && fits_large(va, va, len);
		size_t step = whole_large ? LARGE_PAGE_SIZE : PAGE_SIZE;

		if (pde && (*pde & PTE_P)) {
			pte_t *e = whole_large ? pde : pt_walk(va, 0, true, &err);

			if (!e)
				return err;
			if (*e & PTE_MAPPED)
				*e = fn(*e, arg);
			invlpg((void *)va);
		}
		va += step;
		len -= step;
	}
	return 0;
}

static pte_t clear_entry(pte_t e, pte_t arg)
{
	(void)e;
	(void)arg;
	return 0;
}

static pte_t set_rights(pte_t e, pte_t flags)
{
	return (e & (PTE_ADDR_MASK | PTE_PS)) | flags;
}

int pt_unmap(uintptr_t va, size_t len)
{
	return pt_update(va, len, clear_entry, 0);
}

int pt_protect(uintptr_t va, size_t len, unsigned int prot)
{
	return pt_update(va, len, set_rights, prot_to_flags(prot));
}

static bool table_empty(const pte_t *t)
{
	for (int i = 0; i < 512; i++) {
		if (t[i])
			return false;
	}
	return true;
}

/*
 * Free the tables below table (at level, its first entry mapping base)
 * that lie wholly in [start, end) and map nothing any more.  True when
 * one went.
 */
static bool free_empty_tables(pte_t *table, int level, uintptr_t base, uintptr_t start,
			      uintptr_t end)
{
	uintptr_t span = 1UL << (12 + 9 * level);
	bool freed = false;

	for (int i = 0; i < 512; i++) {
		uintptr_t lo = base + i * span, hi = lo + span;
		pte_t *child;

		if (!(table[i] & PTE_P) || (table[i] & PTE_PS) || hi <= start || lo >= end)
			continue;
		child = table_of(table[i]);
		if (level > 1)
			freed |= free_empty_tables(child, level - 1, lo, start, end);
		if (lo >= start && hi <= end && table_empty(child)) {
			table[i] = 0;
			page_free(child, 1);
			freed = true;
		}
	}
	return freed;
}

void pt_free_tables(uintptr_t start, uintptr_t end)
{
	ASSERT(end <= USER_SPACE_END);
	/* Reloading CR3 drops the CPU's cached walks through the freed tables. */
	if (free_empty_tables(root_table, 3, 0, start, end))
		write_cr3(read_cr3());
}

bool pt_translate(uintptr_t va, uintptr_t *pa, unsigned int *prot)
{
	/* Before paging_init (an early crash report), the boot tables. */
	pte_t *table = root_table ?: phys_to_virt(read_cr3() & PTE_ADDR_MASK);

	for (int level = 3; level >= 0; level--) {
		pte_t e = table[level_index(va, level)];

		if (!(e & (level == 0 ? PTE_MAPPED : PTE_P)))
			return false;
		if (level == 0 || (e & PTE_PS)) {
			uintptr_t page_mask = (1UL << (12 + 9 * level)) - 1;

			if (pa)
				*pa = (e & PTE_ADDR_MASK & ~page_mask) | (va & page_mask);
			if (prot)
				*prot = flags_to_prot(e);
			return true;
		}
		table = table_of(e);
	}
	return false;
}

uintptr_t pt_next_mapped(uintptr_t va, uintptr_t end)
{
	while (va < end) {
		pte_t *table = root_table;
		int level;

		for (level = 3; level >= 0; level--) {
			pte_t e = table[level_index(va, level)];

			if (!(e & PTE_P) || level == 0 || (e & PTE_PS))
				break;
			table = table_of(e);
		}
		if (table[level_index(va, level)] & (level == 0 ? PTE_MAPPED : PTE_P))
			return va;
		/* Nothing below this entry: skip the whole span it covers. */
		va = ALIGN_DOWN(va, 1UL << (12 + 9 * level)) + (1UL << (12 + 9 * level));
	}
	return end;
}

void *pt_map_device(uintptr_t pa, size_t len)
{
	uintptr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t span = ALIGN_UP(pa + len, PAGE_SIZE) - base;

	if (pt_map((uintptr_t)phys_to_virt(base), base, span, VM_READ | VM_WRITE | VM_NOCACHE))
		return NULL;
	return phys_to_virt(pa);
}

/* Start a new, empty root; paging_init() fills it and then activates it. */
int pt_new_root(void)
{
	root_table = new_table();
	return root_table ? 0 : -ENOMEM;
}

void pt_activate(void)
{
	write_cr3(virt_to_phys(root_table));
	root_active = true;
}
