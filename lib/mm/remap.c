/* mremap: shrink in place, grow in place when the next pages are free, or move the pages. */
#include <errno.h>
#include <linux/mman.h>
#include <tessera/arch/paging.h>
#include <tessera/syscall.h>
#include "mm_internal.h"

/* Move the page-table entries of [from, from+len) to [to, to+len): the pages stay. */
static int move_pages(uintptr_t from, uintptr_t to, size_t len)
{
	uintptr_t va = from, pa;
	unsigned int rights;

	while ((va = pt_next_mapped(va, from + len)) < from + len) {
		pt_translate(va, &pa, &rights);
		if (pt_map(to + (va - from), pa, MM_PAGE, rights & ~VM_DIRTY))
			return -ENOMEM;
		pt_unmap(va, MM_PAGE);
		va += MM_PAGE;
	}
	return 0;
}

static long move_mapping(struct vma *v, uintptr_t addr, size_t old_len, size_t new_len,
			 uintptr_t target, unsigned int fixed)
{
	long to = mm_map(target, new_len, v->prot, (v->flags & ~(MAP_FIXED_NOREPLACE)) | fixed,
			 v->file, v->pgoff + (addr - v->start) / MM_PAGE, v->name);

	if (to < 0)
		return to;
	if (move_pages(addr, to, old_len)) {
		mm_unmap(to, new_len);
		return -ENOMEM;
	}
	vma_remove_range(addr, addr + old_len); /* nothing is mapped there any more */
	return to;
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, size_t, old_len, size_t, new_len, unsigned long,
		flags, unsigned long, new_addr)
{
	struct vma *v;

	if ((addr & (MM_PAGE - 1)) || !new_len ||
	    (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) || (flags & MREMAP_DONTUNMAP))
		return -EINVAL;
	old_len = ALIGN_UP(old_len, MM_PAGE);
	new_len = ALIGN_UP(new_len, MM_PAGE);
	v = vma_lookup(addr);
	if (!v || addr + old_len > v->end || !old_len)
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if ((new_addr & (MM_PAGE - 1)) || (new_addr < addr + old_len && addr < new_addr + new_len))
			return -EINVAL;
		return move_mapping(v, addr, MIN(old_len, new_len), new_len, new_addr, MAP_FIXED);
	}
	if (new_len <= old_len) {
		mm_unmap(addr + new_len, old_len - new_len);
		return addr;
	}
	if (addr + old_len == v->end && vma_range_free(v->end, addr + new_len) &&
	    addr + new_len <= USER_SPACE_END) {
		v->end = addr + new_len;
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	return move_mapping(v, addr, old_len, new_len, 0, 0);
}
