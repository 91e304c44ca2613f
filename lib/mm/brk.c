/* The program break: an anonymous "[heap]" mapping that grows and shrinks at its end. */
#include <linux/mman.h>
#include <tessera/arch/paging.h>
#include <tessera/syscall.h>
#include "mm_internal.h"

static uintptr_t brk_base, brk_current;

void mm_set_brk_base(uintptr_t base)
{
	brk_base = brk_current = base;
}

void mm_get_layout(struct mm_layout *l)
{
	l->mmap_base = mm_mmap_base();
	l->brk_base = brk_base;
	l->brk_current = brk_current;
}

void mm_set_layout(const struct mm_layout *l)
{
	mm_set_mmap_base(l->mmap_base);
	brk_base = l->brk_base;
	brk_current = l->brk_current;
}

static int resize_heap(uintptr_t old_end, uintptr_t new_end)
{
	struct vma *heap = old_end > brk_base ? vma_lookup(old_end - 1) : NULL;

	if (new_end < old_end)
		return mm_unmap(new_end, old_end - new_end);
	if (!vma_range_free(old_end, new_end))
		return -ENOMEM;
	if (heap) {
		heap->end = new_end;
		return 0;
	}
	return vma_insert(old_end, new_end, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  NULL, 0, "[heap]") ? 0 : -ENOMEM;
}

/* Linux's contract: the new break, or the old one when it cannot move. */
SYSCALL_DEFINE1(brk, unsigned long, request)
{
	uintptr_t old_end = ALIGN_UP(brk_current, MM_PAGE), new_end = ALIGN_UP(request, MM_PAGE);

	if (request < brk_base || request >= USER_SPACE_END)
		return brk_current;
	if (new_end != old_end && resize_heap(old_end, new_end))
		return brk_current;
	brk_current = request;
	return brk_current;
}
