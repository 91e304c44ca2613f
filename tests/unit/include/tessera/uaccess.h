/* Host stand-in for <tessera/uaccess.h>: the application's memory is the test's own. */
#ifndef TESSERA_UACCESS_H
#define TESSERA_UACCESS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static inline int copy_from_user(void *dst, const void *user_src, size_t n)
{
	memcpy(dst, user_src, n);
	return 0;
}

static inline int copy_to_user(void *user_dst, const void *src, size_t n)
{
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
