/*
 * Pages behind mappings: filling them on first touch, copying on write, and
 * giving them back.  A page mapped with VM_FOREIGN belongs to someone else
 * (a file's page cache, the shared zero page) and is never freed here; a
 * private mapping writes to its own copy.
 */
#include <errno.h>
#include <linux/mman.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/paging.h>
#include <tessera/arch/trap.h>
#include <tessera/boot.h>
#include <tessera/signal.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "mm_internal.h"

uint64_t mm_page_faults;
size_t mm_resident_pages;
static void *zero_page;

static int map_own_page(uintptr_t va, void *page, unsigned int rights)
{
	int err = pt_map(va, virt_to_phys(page), MM_PAGE, rights);

	if (err)
		page_free(page, 1);
	else
		mm_resident_pages++;
	return err;
}

static void *new_page(const void *copy_of)
{
	void *page = page_alloc(1);

	if (page) {
		if (copy_of)
			memcpy(page, copy_of, MM_PAGE);
		else
			memset(page, 0, MM_PAGE);
	}
	return page;
}

static int fill_file_page(struct vma *v, uintptr_t va, bool write)
{
	struct inode *inode = v->file->inode;
	uint64_t index = v->pgoff + (va - v->start) / MM_PAGE;
	unsigned int rights = vma_page_rights(v->prot);
	bool shared = v->flags & MAP_SHARED;
	struct vfs_page p;
	int err = inode->iops->map_page(inode, index, &p);

	if (err)
		return err;
	if (!p.file_owned)
		return map_own_page(va, p.addr, rights); /* already a copy: ours */
	if (shared)
		return pt_map(va, virt_to_phys(p.addr), MM_PAGE, rights | VM_FOREIGN);
	if (write) {
		void *copy = new_page(p.addr);

		return copy ? map_own_page(va, copy, rights) : -ENOMEM;
	}
	/* Read it in place until the first write copies it. */
	return pt_map(va, virt_to_phys(p.addr), MM_PAGE, (rights & ~VM_WRITE) | VM_FOREIGN);
}

static int fill_page(struct vma *v, uintptr_t va, bool write)
{
	unsigned int rights = vma_page_rights(v->prot);
	void *page;

	if (v->file)
		return fill_file_page(v, va, write);
	if (!write && !(v->flags & MAP_SHARED))
		return pt_map(va, virt_to_phys(zero_page), MM_PAGE,
			      (rights & ~VM_WRITE) | VM_FOREIGN);
	page = new_page(NULL);
	return page ? map_own_page(va, page, rights) : -ENOMEM;
}

/* A write to a present read-only page of a writable private mapping: give it its own copy. */
static int copy_on_write(struct vma *v, uintptr_t va)
{
	uintptr_t pa;
	unsigned int rights;
	void *copy;

	if (!pt_translate(va, &pa, &rights) || !(rights & VM_FOREIGN) || (v->flags & MAP_SHARED))
		return -EFAULT;
	copy = new_page(phys_to_virt(pa));
	return copy ? map_own_page(va, copy, vma_page_rights(v->prot)) : -ENOMEM;
}

static bool access_allowed(const struct vma *v, uint64_t error_code)
{
	if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return false;
	if ((error_code & PF_WRITE) && !(v->prot & PROT_WRITE))
		return false;
	return !(error_code & PF_FETCH) || (v->prot & PROT_EXEC);
}

static int handle_fault(uintptr_t addr, uint64_t error_code)
{
	uintptr_t va = addr & ~(MM_PAGE - 1);
	struct vma *v = vma_lookup(addr);

	if (!v || !access_allowed(v, error_code))
		return -EFAULT;
	mm_page_faults++;
	if (error_code & PF_PRESENT)
		return error_code & PF_WRITE ? copy_on_write(v, va) : -EFAULT;
	return fill_page(v, va, error_code & PF_WRITE);
}

static bool page_fault(struct trap_frame *tf)
{
	uintptr_t addr = read_cr2();

	if (addr < USER_SPACE_START || addr >= USER_SPACE_END)
		return false;
	return handle_fault(addr, tf->error_code) == 0;
}

int mm_populate(uintptr_t addr, size_t len)
{
	for (uintptr_t va = addr & ~(MM_PAGE - 1); va < addr + len; va += MM_PAGE) {
		struct vma *v = vma_lookup(va);
		int err;

		if (!v)
			return -ENOMEM;
		if (pt_translate(va, NULL, NULL))
			continue;
		err = fill_page(v, va, false);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A page of a shared file mapping written since it was mapped goes back to
 * the file: a copy (the file system lent it) through write(), the file's
 * own page through the file system's write_page if its data lives
 * elsewhere (9p); a ramfs page already is the file.
 */
void mm_write_back_page(struct vma *v, uintptr_t va)
{
	struct inode *inode = v->file ? v->file->inode : NULL;
	uint64_t index = v->pgoff + (va - v->start) / MM_PAGE;
	uint64_t pos = index * MM_PAGE, size;
	unsigned int rights;
	uintptr_t pa;

	if (!inode || !(v->flags & MAP_SHARED) || !pt_translate(va, &pa, &rights) ||
	    !(rights & VM_DIRTY))
		return;
	if (rights & VM_FOREIGN) {
		if (inode->iops->write_page)
			inode->iops->write_page(inode, index);
		return;
	}
	size = inode->attr.size;
	if (pos < size)
		v->file->fops->write(v->file, phys_to_virt(pa), MIN(MM_PAGE, size - pos), &pos);
}

void mm_release_pages(struct vma *v, uintptr_t start, uintptr_t end)
{
	uintptr_t va = start, pa;
	unsigned int rights;

	while ((va = pt_next_mapped(va, end)) < end) {
		mm_write_back_page(v, va);
		if (pt_translate(va, &pa, &rights) && !(rights & VM_FOREIGN)) {
			page_free(phys_to_virt(pa), 1);
			mm_resident_pages--;
		}
		pt_unmap(va, MM_PAGE);
		va += MM_PAGE;
	}
}

/* For the SIGSEGV of a fault no mapping resolves: a protection violation, or no mapping. */
static bool address_mapped(uintptr_t addr)
{
	return vma_lookup(addr) != NULL;
}

static int mm_init(void)
{
	zero_page = new_page(NULL);
	if (!zero_page)
		return -ENOMEM;
	signal_address_mapped = address_mapped;
	return trap_register(TRAP_PF, page_fault);
}
INITCALL(mm_init, INIT_LIB);
