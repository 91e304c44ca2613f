/*
 * mlock, mlock2, munlock, mlockall, munlockall.  Nothing is ever swapped
 * out, so every page is as good as locked: the calls check their ranges as
 * Linux does (-ENOMEM for a hole, -EINVAL for a range that wraps) and, for
 * mlock, fault the pages in now, so that the program takes no page fault
 * there later and mincore() reports them resident, as after Linux's mlock.
 */
#include <errno.h>
#include <linux/mman.h>
#include <tessera/syscall.h>
#include "mm_internal.h"

/* [*start, *end): the whole pages under [addr, addr + len), which must all be mapped. */
static int locked_range(unsigned long addr, size_t len, uintptr_t *start, uintptr_t *end)
{
	struct vma *v;

	/* As Linux's PAGE_ALIGN, a length that wraps to 0 names no page at all. */
	*start = addr & ~(MM_PAGE - 1);
	*end = *start + ALIGN_UP(len + (addr & (MM_PAGE - 1)), MM_PAGE);
	if (*end < *start)
		return -EINVAL;
	for (uintptr_t a = *start; a < *end; a = v->end) {
		v = vma_lookup(a);
		if (!v)
			return -ENOMEM;
	}
	return 0;
}

/* Fault in the pages of [start, end); an inaccessible mapping there is -ENOMEM. */
static int populate(uintptr_t start, uintptr_t end)
{
	for (uintptr_t a = start; a < end;) {
		struct vma *v = vma_lookup(a);
		uintptr_t part_end = MIN(end, v->end);
		int err;

		if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
			return -ENOMEM;
		err = mm_populate(a, part_end - a);
		if (err)
			return err == -ENOMEM ? -EAGAIN : err; /* as Linux reports a failed populate */
		a = part_end;
	}
	return 0;
}

static long lock(unsigned long addr, size_t len, bool on_fault)
{
	uintptr_t start, end;
	int err = locked_range(addr, len, &start, &end);

	if (err || on_fault)
		return err;
	return populate(start, end);
}

SYSCALL_DEFINE2(mlock, unsigned long, addr, size_t, len)
{
	return lock(addr, len, false);
}

SYSCALL_DEFINE3(mlock2, unsigned long, addr, size_t, len, unsigned int, flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return lock(addr, len, flags & MLOCK_ONFAULT);
}

SYSCALL_DEFINE2(munlock, unsigned long, addr, size_t, len)
{
	uintptr_t start, end;

	return locked_range(addr, len, &start, &end);
}

/*
 * MCL_CURRENT faults in what is mapped now, ignoring failures as Linux does;
 * the stack is left to grow as it is used (Linux's stack mapping is only the
 * part in use, Tessera's is the whole reservation).
 */
SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct vma *v;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!(flags & MCL_CURRENT) || (flags & MCL_ONFAULT))
		return 0;
	list_for_each_entry(v, &mm_vmas, link) {
		if ((v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) && !(v->flags & MAP_GROWSDOWN))
			mm_populate(v->start, v->end - v->start);
	}
	return 0;
}

SYSCALL_DEFINE0(munlockall)
{
	return 0;
}
