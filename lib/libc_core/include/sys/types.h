#ifndef _LIBC_CORE_SYS_TYPES_H
#define _LIBC_CORE_SYS_TYPES_H

#include <stddef.h>

typedef __PTRDIFF_TYPE__ ssize_t; /* the signed type as wide as size_t */
typedef long off_t;
typedef int pid_t;

#endif /* _LIBC_CORE_SYS_TYPES_H */
