/*
 * The list of mappings.  A sorted, doubly-linked list: processes have a few
 * dozen mappings, and lookups start from the last one found.
 */
#include <errno.h>
#include <linux/mman.h>
#include <tessera/alloc.h>
#include <tessera/arch/paging.h>
#include <tessera/vfs.h>
#include "mm_internal.h"

LIST_HEAD(mm_vmas);
static struct vma *last_found;

struct vma *vma_lookup(uintptr_t addr)
{
	struct vma *v;

	if (last_found && last_found->start <= addr && addr < last_found->end)
		return last_found;
	list_for_each_entry(v, &mm_vmas, link) {
		if (addr < v->start)
			return NULL;
		if (addr < v->end)
			return last_found = v;
	}
	return NULL;
}

bool vma_range_free(uintptr_t start, uintptr_t end)
{
	struct vma *v;

	list_for_each_entry(v, &mm_vmas, link) {
		if (v->start >= end)
			return true;
		if (v->end > start)
			return false;
	}
	return true;
}

unsigned int vma_page_rights(unsigned int prot)
{
	return (prot & PROT_WRITE ? VM_WRITE : 0) | (prot & PROT_EXEC ? VM_EXEC : 0) |
	       (prot & (PROT_READ | PROT_WRITE | PROT_EXEC) ? VM_READ : 0);
}

static int writable_share(const struct vma *v)
{
	return v->file && (v->flags & MAP_SHARED) && (v->prot & PROT_WRITE);
}

void vma_file_hold(struct vma *v)
{
	if (v->file) {
		file_get(v->file);
		v->file->inode->shared_writable_maps += writable_share(v);
	}
}

void vma_file_release(struct vma *v)
{
	if (v->file) {
		v->file->inode->shared_writable_maps -= writable_share(v);
		file_put(v->file);
	}
}

void vma_set_prot(struct vma *v, unsigned int prot)
{
	int before = writable_share(v);

	v->prot = prot;
	if (v->file)
		v->file->inode->shared_writable_maps += writable_share(v) - before;
}

struct vma *vma_insert(uintptr_t start, uintptr_t end, unsigned int prot, unsigned int flags,
		       struct file *file, uint64_t pgoff, const char *name)
{
	struct vma *v = alloc_calloc(alloc_default(), 1, sizeof(*v)), *pos;

	if (!v)
		return NULL;
	*v = (struct vma){.start = start, .end = end, .prot = prot, .flags = flags,
			  .file = file, .pgoff = pgoff, .name = name};
	vma_file_hold(v);
	list_for_each_entry(pos, &mm_vmas, link) {
		if (pos->start > start)
			break;
	}
	list_add_tail(&v->link, &pos->link);
	return v;
}

static void vma_free(struct vma *v)
{
	if (last_found == v)
		last_found = NULL;
	list_del(&v->link);
	vma_file_release(v);
	alloc_free(alloc_default(), v);
}

int vma_split_at(uintptr_t addr)
{
	struct vma *v = vma_lookup(addr), *tail;

	if (!v || v->start == addr)
		return 0;
	tail = vma_insert(addr, v->end, v->prot, v->flags, v->file,
			  v->pgoff + (addr - v->start) / MM_PAGE, v->name);
	if (!tail)
		return -ENOMEM;
	v->end = addr;
	return 0;
}

void vma_remove_range(uintptr_t start, uintptr_t end)
{
	struct vma *v, *tmp;

	/* Splitting can only fail for lack of memory; then less is unmapped, never more. */
	vma_split_at(start);
	vma_split_at(end);
	list_for_each_entry_safe(v, tmp, &mm_vmas, link) {
		if (v->start >= end)
			break;
		if (v->end <= start)
			continue;
		mm_release_pages(v, v->start, v->end);
		vma_free(v);
	}
	pt_free_tables(start, end);
}
