/*
 * Allocator entry points built on any implementation's ops.
 *
 * calloc, realloc and posix_memalign need nothing beyond malloc, memalign,
 * free and usable_size, so they live here once instead of in every
 * allocator.  realloc follows glibc: realloc(NULL, n) is malloc(n), and
 * realloc(p, 0) frees p and returns NULL.  A shrink keeps the block unless it
 * would waste more than half of it; then a tighter block is tried, and the old
 * one is kept if none is free, so a shrink never fails.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/compiler.h>

void *alloc_calloc(struct allocator *a, size_t nmemb, size_t size)
{
	size_t bytes;
	void *ptr;

	if (__builtin_mul_overflow(nmemb, size, &bytes))
		return NULL;
	ptr = alloc_malloc(a, bytes);
	if (ptr)
		memset(ptr, 0, bytes);
	return ptr;
}

void *alloc_realloc(struct allocator *a, void *ptr, size_t size)
{
	size_t usable;
	void *moved;

	if (!ptr)
		return alloc_malloc(a, size);
	if (size == 0) {
		alloc_free(a, ptr);
		return NULL;
	}
	usable = a->ops->usable_size(a, ptr);
	if (size <= usable && size > usable / 2)
		return ptr;
	moved = alloc_malloc(a, size);
	if (!moved)
		return size <= usable ? ptr : NULL;
	memcpy(moved, ptr, MIN(size, usable));
	alloc_free(a, ptr);
	return moved;
}

int alloc_posix_memalign(struct allocator *a, void **memptr, size_t align, size_t size)
{
	void *ptr;

	if (!IS_POWER_OF_2(align) || align % sizeof(void *) != 0)
		return EINVAL;
	ptr = a->ops->memalign(a, MAX(align, (size_t)ALLOC_MIN_ALIGN), size);
	if (!ptr)
		return ENOMEM;
	*memptr = ptr;
	return 0;
}

char *alloc_strdup(struct allocator *a, const char *s)
{
	size_t len = strlen(s) + 1;
	char *copy = alloc_malloc(a, len);

	if (copy)
		memcpy(copy, s, len);
	return copy;
}
