/*
 * gcc's <limits.h> defines everything, but unless a C library's limits.h
 * came first it recurses into one, and with -nostdinc there is none.
 */
#ifndef _LIBC_CORE_LIMITS_H
#define _LIBC_CORE_LIMITS_H

#define _LIBC_LIMITS_H_
#include_next <limits.h>

#endif /* _LIBC_CORE_LIMITS_H */
