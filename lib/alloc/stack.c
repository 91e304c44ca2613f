/*
 * Stacks with a guard page: the lowest page of the allocation is left
 * unmapped, so that an overflow faults instead of corrupting its neighbour.
 * The guard comes out of the size asked for (64 KiB gives 60 KiB of stack),
 * which keeps allocations a power of two for the buddy allocator.
 */
#include <tessera/alloc.h>
#include <tessera/compiler.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/paging.h>

char *stack_alloc(size_t size)
{
	size_t pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	char *area;

	if (pages < 2)
		pages = 2;
	area = page_alloc(pages);
	if (!area)
		return NULL;
	if (pt_unmap((uintptr_t)area, PAGE_SIZE)) {
		page_free(area, pages);
		return NULL;
	}
	return area + PAGE_SIZE;
}

void stack_free(char *stack, size_t usable_size)
{
	char *guard = stack - PAGE_SIZE;

	pt_map((uintptr_t)guard, virt_to_phys(guard), PAGE_SIZE, VM_READ | VM_WRITE);
	page_free(guard, usable_size / PAGE_SIZE + 1);
}
