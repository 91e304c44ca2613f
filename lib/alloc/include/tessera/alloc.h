/*
 * Allocator API.
 *
 * An allocator manages one or more regions of memory handed to it with
 * add_memory().  Implementations (buddy, TLSF, ...) fill struct allocator_ops
 * and register a constructor with ALLOC_IMPLEMENTATION(); the boot sequence
 * creates the implementation chosen in Kconfig as the default allocator, which
 * backs malloc() and the page allocator.
 */
#ifndef TESSERA_ALLOC_H
#define TESSERA_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)

/* Every allocation is aligned at least this much, as malloc() must be. */
#define ALLOC_MIN_ALIGN 16

struct allocator;

struct alloc_stats {
	size_t total_bytes; /* memory under management, metadata excluded */
	size_t free_bytes;  /* memory available for allocation */
	size_t allocations; /* live allocations */
};

struct allocator_ops {
	/* NULL when no block of size bytes is free; size 0 returns a unique pointer. */
	void *(*malloc)(struct allocator *a, size_t size);
	/* align is a power of two >= ALLOC_MIN_ALIGN. */
	void *(*memalign)(struct allocator *a, size_t align, size_t size);
	void (*free)(struct allocator *a, void *ptr);
	/* Bytes usable at ptr, at least the size asked for. */
	size_t (*usable_size)(struct allocator *a, void *ptr);
	/* npages contiguous pages aligned on PAGE_SIZE; freed with pfree(npages). */
	void *(*palloc)(struct allocator *a, size_t npages);
	void (*pfree)(struct allocator *a, void *ptr, size_t npages);
	/* Hand [base, base+len) to the allocator; returns 0 or -ENOMEM if too small to use. */
	int (*add_memory)(struct allocator *a, void *base, size_t len);
	void (*stats)(struct allocator *a, struct alloc_stats *st);
};

struct allocator {
	const struct allocator_ops *ops;
	const char *name;
};

/*
 * An implementation's constructor: builds an allocator whose own state lives
 * at the start of [base, base+len) and manages the rest.  NULL if len is too
 * small.
 */
typedef struct allocator *(*alloc_create_fn)(void *base, size_t len);

struct alloc_implementation {
	const char *name;
	alloc_create_fn create;
};

#define ALLOC_IMPLEMENTATION(_name, _create)                                                       \
	static const struct alloc_implementation __alloc_impl_##_create                            \
		__attribute__((used, section(".alloc_impls"), aligned(sizeof(void *)))) = {        \
			.name = _name, .create = _create}

/* Generic entry points on an explicit allocator. */
static inline void *alloc_malloc(struct allocator *a, size_t size)
{
	return a->ops->malloc(a, size);
}

static inline void alloc_free(struct allocator *a, void *ptr)
{
	a->ops->free(a, ptr);
}

void *alloc_calloc(struct allocator *a, size_t nmemb, size_t size);
void *alloc_realloc(struct allocator *a, void *ptr, size_t size);
int alloc_posix_memalign(struct allocator *a, void **memptr, size_t align, size_t size);
/* Kernel code uses these, never the C library's (which may be musl's, with its own heap). */
char *alloc_strdup(struct allocator *a, const char *s);

/* The default allocator, created at boot from the memory the platform reports. */
struct allocator *alloc_default(void);
void *page_alloc(size_t npages);
void page_free(void *ptr, size_t npages);

/*
 * A stack of size bytes whose lowest page is an unmapped guard: returns the
 * lowest usable byte (size - PAGE_SIZE usable bytes above it), NULL when out
 * of memory.  Free with the usable size.
 */
char *stack_alloc(size_t size);
void stack_free(char *stack, size_t usable_size);

#endif /* TESSERA_ALLOC_H */
