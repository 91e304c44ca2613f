/* The malloc family over the kernel's default allocator, with errno set as POSIX asks. */
#include <errno.h>
#include <stdlib.h>
#include <tessera/alloc.h>
#include <tessera/compiler.h>

static void *or_enomem(void *ptr)
{
	if (!ptr)
		errno = ENOMEM;
	return ptr;
}

void *malloc(size_t size)
{
	return or_enomem(alloc_malloc(alloc_default(), size));
}

void free(void *ptr)
{
	if (ptr)
		alloc_free(alloc_default(), ptr);
}

void *calloc(size_t nmemb, size_t size)
{
	return or_enomem(alloc_calloc(alloc_default(), nmemb, size));
}

/* realloc(ptr, 0) frees ptr and returns NULL, which is no error. */
void *realloc(void *ptr, size_t size)
{
	void *moved = alloc_realloc(alloc_default(), ptr, size);

	return size ? or_enomem(moved) : moved;
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	return alloc_posix_memalign(alloc_default(), memptr, align, size);
}

/* Any power of two is valid here, even below posix_memalign()'s sizeof(void *). */
void *aligned_alloc(size_t align, size_t size)
{
	void *ptr;
	int err;

	if (!IS_POWER_OF_2(align)) {
		errno = EINVAL;
		return NULL;
	}
	err = posix_memalign(&ptr, MAX(align, sizeof(void *)), size);
	if (err) {
		errno = err;
		return NULL;
	}
	return ptr;
}
