/* madvise, msync and mincore: advice, write-back and residency over existing mappings. */
#include <errno.h>
#include <linux/mman.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/paging.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "mm_internal.h"

/* Apply fn to each mapping's part of [addr, addr+len); -ENOMEM if some of it is unmapped. */
static int for_each_part(uintptr_t addr, size_t len,
			 void (*fn)(struct vma *v, uintptr_t start, uintptr_t end))
{
	uintptr_t end = addr + ALIGN_UP(len, MM_PAGE), a = addr;
	int err = 0;

	while (a < end) {
		struct vma *v = vma_lookup(a);

		if (!v) {
			err = -ENOMEM;
			a += MM_PAGE;
			continue;
		}
		fn(v, a, MIN(end, v->end));
		a = MIN(end, v->end);
	}
	return err;
}

static void drop_pages(struct vma *v, uintptr_t start, uintptr_t end)
{
	mm_release_pages(v, start, end);
}

static void no_change(struct vma *v, uintptr_t start, uintptr_t end)
{
	(void)v, (void)start, (void)end;
}

SYSCALL_DEFINE3(madvise, unsigned long, addr, size_t, len, int, advice)
{
	if (addr & (MM_PAGE - 1))
		return -EINVAL;
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_FREE:
		/* The next touch sees zeros (anonymous) or the file again (private). */
		return for_each_part(addr, len, drop_pages);
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		/* Hints with nothing to do here; only the range is checked. */
		return for_each_part(addr, len, no_change);
	default:
		return -EINVAL;
	}
}

static void write_back_range(struct vma *v, uintptr_t start, uintptr_t end)
{
	for (uintptr_t va = start; (va = pt_next_mapped(va, end)) < end; va += MM_PAGE)
		mm_write_back_page(v, va);
}

SYSCALL_DEFINE3(msync, unsigned long, addr, size_t, len, int, flags)
{
	if ((addr & (MM_PAGE - 1)) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	return for_each_part(addr, len, write_back_range);
}

SYSCALL_DEFINE3(mincore, unsigned long, addr, size_t, len, unsigned char *, vec)
{
	size_t pages = ALIGN_UP(len, MM_PAGE) / MM_PAGE;

	if (addr & (MM_PAGE - 1))
		return -EINVAL;
	for (size_t i = 0; i < pages; i++) {
		uintptr_t va = addr + i * MM_PAGE;
		unsigned char resident = pt_translate(va, NULL, NULL);

		if (!vma_lookup(va))
			return -ENOMEM;
		if (copy_to_user(vec + i, &resident, 1))
			return -EFAULT;
	}
	return 0;
}
