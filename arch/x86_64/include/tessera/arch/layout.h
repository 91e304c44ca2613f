/*
 * Virtual memory layout.
 *
 * The lower half belongs to the application (ELF images, mmap, its stacks).
 * The kernel image runs in the top 2 GiB (-mcmodel=kernel), loaded at
 * physical 1 MiB; all of RAM is also mapped at DIRECT_MAP_BASE, which is
 * where allocators hand out memory.
 */
#ifndef TESSERA_ARCH_LAYOUT_H
#define TESSERA_ARCH_LAYOUT_H

#define KERNEL_VBASE    0xffffffff80000000
#define KERNEL_PHYS     0x100000
#define DIRECT_MAP_BASE 0xffff800000000000

#ifndef __ASSEMBLY__
#include <stdint.h>

static inline void *phys_to_virt(uintptr_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline uintptr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	return v >= KERNEL_VBASE ? v - KERNEL_VBASE : v - DIRECT_MAP_BASE;
}

/* Bounds of the image, from the linker script. */
extern char _text[], _etext[], _rodata[], _erodata[], _data[], _edata[], _bss[], _ebss[], _end[];
extern char __boot_start[], __boot_end[];
#endif

#endif /* TESSERA_ARCH_LAYOUT_H */
