/*
 * mmap and friends.  Placement: MAP_FIXED replaces what is there,
 * MAP_FIXED_NOREPLACE refuses to (-EEXIST), otherwise addr is a hint tried
 * first, then the highest free range below the mmap base (randomised by the
 * ELF loader), as Linux's top-down allocator does.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <tessera/arch/paging.h>
#include <tessera/fdtable.h>
#include <tessera/syscall.h>
#include <tessera/vfs.h>
#include "mm_internal.h"

#define MAP_32BIT_LIMIT 0x80000000UL
#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static uintptr_t mmap_base = 0x7f0000000000UL;

void mm_set_mmap_base(uintptr_t base)
{
	mmap_base = base;
}

uintptr_t mm_mmap_base(void)
{
	return mmap_base;
}

/* The highest free range of len bytes ending at or below top. */
static uintptr_t find_free(size_t len, uintptr_t top)
{
	struct vma *v;
	uintptr_t end = top;

	if (len > top - USER_SPACE_START)
		return 0;
	list_for_each_entry_reverse(v, &mm_vmas, link) {
		if (v->start >= end)
			continue;
		if (v->end <= end - len && end - len >= USER_SPACE_START)
			return end - len;
		end = MIN(end, v->start);
	}
	return end >= USER_SPACE_START + len ? end - len : 0;
}

static long place(uintptr_t addr, size_t len, unsigned int flags)
{
	uintptr_t top = flags & MAP_32BIT ? MAP_32BIT_LIMIT : mmap_base;
	uintptr_t found;

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & (MM_PAGE - 1))
			return -EINVAL;
		if (addr < USER_SPACE_START || addr + len > USER_SPACE_END || addr + len < addr)
			return -ENOMEM;
		if (!vma_range_free(addr, addr + len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			vma_remove_range(addr, addr + len);
		}
		return addr;
	}
	addr &= ~(MM_PAGE - 1);
	if (addr >= USER_SPACE_START && addr + len <= USER_SPACE_END && addr + len > addr &&
	    vma_range_free(addr, addr + len))
		return addr;
	found = find_free(len, top);
	if (!found)
		found = find_free(len, USER_SPACE_END); /* above the base, if that is all there is */
	return found ? (long)found : -ENOMEM;
}

long mm_map(uintptr_t addr, size_t len, unsigned int prot, unsigned int flags, struct file *file,
	    uint64_t pgoff, const char *name)
{
	long where;

	if (len == 0 || (prot & ~PROT_ALL))
		return -EINVAL;
	if (len > USER_SPACE_END)
		return -ENOMEM;
	len = ALIGN_UP(len, MM_PAGE);
	where = place(addr, len, flags);
	if (where < 0)
		return where;
	if (!vma_insert(where, where + len, prot, flags, file, pgoff, name))
		return -ENOMEM;
	if (flags & MAP_POPULATE)
		mm_populate(where, len);
	return where;
}

int mm_unmap(uintptr_t addr, size_t len)
{
	if ((addr & (MM_PAGE - 1)) || len == 0 || addr + len < addr)
		return -EINVAL;
	len = ALIGN_UP(len, MM_PAGE);
	if (addr < USER_SPACE_END)
		vma_remove_range(addr, MIN(addr + len, USER_SPACE_END));
	return 0;
}

/* New rights for the pages already there; shared pages of others stay read-only in private maps. */
static void reprotect_pages(struct vma *v)
{
	unsigned int rights = vma_page_rights(v->prot), old;
	uintptr_t va = v->start;

	while ((va = pt_next_mapped(va, v->end)) < v->end) {
		pt_translate(va, NULL, &old);
		if ((old & VM_FOREIGN) && !(v->flags & MAP_SHARED))
			pt_protect(va, MM_PAGE, (rights & ~VM_WRITE) | VM_FOREIGN);
		else
			pt_protect(va, MM_PAGE, rights | (old & VM_FOREIGN));
		va += MM_PAGE;
	}
}

/* Writing a shared mapping of f writes f: open for it, and not sealed against it. */
static bool may_share_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) == O_RDWR && !vfs_seals_check_shared_write(f->inode);
}

int mm_protect(uintptr_t addr, size_t len, unsigned int prot)
{
	uintptr_t end;
	struct vma *v;

	if ((addr & (MM_PAGE - 1)) || (prot & ~(PROT_ALL | PROT_GROWSDOWN | PROT_GROWSUP)))
		return -EINVAL;
	end = addr + ALIGN_UP(len, MM_PAGE);
	if (end < addr)
		return -ENOMEM;
	if (len == 0)
		return 0;
	/* Linux: -ENOMEM when part of the range is not mapped. */
	for (uintptr_t a = addr; a < end; a = v->end) {
		v = vma_lookup(a);
		if (!v)
			return -ENOMEM;
		if (v->file && (v->flags & MAP_SHARED) && (prot & PROT_WRITE) &&
		    !may_share_writable(v->file))
			return -EACCES;
	}
	if (vma_split_at(addr) || vma_split_at(end))
		return -ENOMEM;
	list_for_each_entry(v, &mm_vmas, link) {
		if (v->start >= end)
			break;
		if (v->end <= addr)
			continue;
		vma_set_prot(v, prot & PROT_ALL);
		reprotect_pages(v);
	}
	return 0;
}

static long map_file(uintptr_t addr, size_t len, unsigned int prot, unsigned int flags, int fd,
		     uint64_t off)
{
	struct file *f = fd_get(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = -EACCES;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		goto out;
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && (f->flags & O_ACCMODE) != O_RDWR)
		goto out;
	ret = (flags & MAP_SHARED) && (prot & PROT_WRITE) ? vfs_seals_check_shared_write(f->inode)
							  : 0;
	if (ret)
		goto out;
	ret = -ENODEV;
	if (!f->inode->iops || !f->inode->iops->map_page || S_ISDIR(f->inode->attr.mode))
		goto out;
	ret = mm_map(addr, len, prot, flags, f, off / MM_PAGE, NULL);
out:
	file_put(f);
	return ret;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, size_t, len, unsigned long, prot, unsigned long, flags,
		int, fd, unsigned long, off)
{
	unsigned int type = flags & MAP_TYPE;

	if (off & (MM_PAGE - 1))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE)
		flags = (flags & ~MAP_TYPE) | MAP_SHARED;
	if (flags & MAP_ANONYMOUS)
		return mm_map(addr, len, prot, flags, NULL, 0, NULL);
	return map_file(addr, len, prot, flags, fd, off);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return mm_unmap(addr, len);
}

SYSCALL_DEFINE3(mprotect, unsigned long, addr, size_t, len, unsigned long, prot)
{
	return mm_protect(addr, len, prot);
}
