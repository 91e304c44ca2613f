#ifndef _NOLIBC_STDLIB_H
#define _NOLIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* Over the kernel's default allocator. */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
int posix_memalign(void **memptr, size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);

int abs(int x);
long labs(long x);
long long llabs(long long x);

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* Returning from main() is exit(): both run the atexit() handlers and flush stdout. */
int atexit(void (*fn)(void));
__attribute__((noreturn)) void exit(int status);
/* No atexit() handlers; stdout is still flushed. */
__attribute__((noreturn)) void _Exit(int status);
/* A message on stderr, then _Exit(134), the status of a SIGABRT death. */
__attribute__((noreturn)) void abort(void);

char *getenv(const char *name);

#endif /* _NOLIBC_STDLIB_H */
