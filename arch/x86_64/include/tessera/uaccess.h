/*
 * Copies to and from memory the application named.  Everything shares one
 * address space, so a bad pointer would fault inside the kernel; these
 * copies fail with -EFAULT instead (the page-fault handler redirects a
 * faulting copy instruction to its fix-up, after demand paging had its try).
 */
#ifndef TESSERA_UACCESS_H
#define TESSERA_UACCESS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <tessera/arch/paging.h>

/* Bytes NOT copied (0 on success). */
size_t arch_copy_user(void *dst, const void *src, size_t n);
/* Copy a NUL-terminated string of at most max bytes (NUL included): its length, max if
 * no NUL within max, or -1 on a fault. */
long arch_copy_user_string(char *dst, const char *src, size_t max);

/* [p, p+len) lies in the application's half (Linux's access_ok): copies may still fault. */
static inline bool user_range_ok(const void *p, size_t len)
{
	uintptr_t start = (uintptr_t)p;

	return start <= USER_SPACE_END && len <= USER_SPACE_END - start;
}

/*
 * Atomically replace *uaddr by new if it holds *expected; *expected gets the
 * value found either way.  0, or -EFAULT (futexes).
 */
int arch_cmpxchg_user_u32(uint32_t *uaddr, uint32_t *expected, uint32_t new);

/*
 * While uaccess_nofault is set on this CPU, a page fault in a user copy
 * fails the copy at once instead of filling the page (demand paging may
 * sleep): for accesses made under a spinlock, which fault the page in after
 * dropping the lock and retry.
 */
extern unsigned int uaccess_nofault;

static inline int copy_from_user_nofault(void *dst, const void *user_src, size_t n)
{
	size_t left;

	uaccess_nofault++;
	left = arch_copy_user(dst, user_src, n);
	uaccess_nofault--;
	return left ? -EFAULT : 0;
}

static inline int cmpxchg_user_nofault(uint32_t *uaddr, uint32_t *expected, uint32_t new)
{
	int err;

	uaccess_nofault++;
	err = arch_cmpxchg_user_u32(uaddr, expected, new);
	uaccess_nofault--;
	return err;
}

static inline int copy_to_user(void *user_dst, const void *src, size_t n)
{
	return arch_copy_user(user_dst, src, n) ? -EFAULT : 0;
}

/* Bytes copied, all n unless a fault stopped the copy: for reads that return what fitted. */
static inline size_t copy_to_user_partial(void *user_dst, const void *src, size_t n)
{
	return n - arch_copy_user(user_dst, src, n);
}

static inline int copy_from_user(void *dst, const void *user_src, size_t n)
{
	return arch_copy_user(dst, user_src, n) ? -EFAULT : 0;
}

/* A path or name from the application: its length, -EFAULT or -ENAMETOOLONG. */
static inline long copy_string_from_user(char *dst, const char *user_src, size_t max)
{
	long n = arch_copy_user_string(dst, user_src, max);

	if (n < 0)
		return -EFAULT;
	return (size_t)n == max ? -ENAMETOOLONG : n;
}

/* The trap handler's part: move a faulting copy to its fix-up. */
struct trap_frame;
bool uaccess_fixup(struct trap_frame *tf);

#endif
