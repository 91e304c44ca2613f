#ifndef _LIBC_CORE_STRINGS_H
#define _LIBC_CORE_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif /* _LIBC_CORE_STRINGS_H */
