/*
 * Host stand-in for <tessera/uaccess.h>: the application's memory is the
 * test's own.  A test that needs faults defines uaccess_test_fault(), true
 * for the "user" addresses whose copies fail with -EFAULT.
 */
#ifndef TESSERA_UACCESS_H
#define TESSERA_UACCESS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

bool uaccess_test_fault(const void *user) __attribute__((weak));

static inline int copy_from_user(void *dst, const void *user_src, size_t n)
{
	if (uaccess_test_fault && uaccess_test_fault(user_src))
		return -EFAULT;
	memcpy(dst, user_src, n);
	return 0;
}

static inline int copy_to_user(void *user_dst, const void *src, size_t n)
{
	if (uaccess_test_fault && uaccess_test_fault(user_dst))
		return -EFAULT;
	memcpy(user_dst, src, n);
	return 0;
}

static inline int arch_cmpxchg_user_u32(uint32_t *uaddr, uint32_t *expected, uint32_t new)
{
	__atomic_compare_exchange_n(uaddr, expected, new, false, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return 0;
}

#endif
