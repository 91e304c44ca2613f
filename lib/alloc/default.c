/*
 * The default allocator: the implementation named by CONFIG_ALLOC_DEFAULT,
 * behind a thin layer that hands it memory on demand.
 *
 * Setting up an allocator costs time in proportion to the memory it is given
 * (the buddy allocator's side table, for one), so at boot it receives only
 * the first ALLOC_INITIAL_BYTES; the rest of RAM stays pending and is added
 * a chunk at a time when an allocation fails.  Boot time thus does not grow
 * with the size of the machine.
 */
#include <stdbool.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/layout.h>
#include <tessera/boot.h>
#include <tessera/printk.h>

#define ALLOC_INITIAL_BYTES (2UL << 20)
#define ALLOC_GROW_BYTES    (16UL << 20)

extern const struct alloc_implementation __alloc_impls_start[], __alloc_impls_end[];

struct growing_allocator {
	struct allocator base;
	struct allocator *impl;
	struct mem_region pending[BOOT_MAX_MEM_REGIONS];
	int nr_pending;
	size_t pending_bytes;
};

static struct growing_allocator default_allocator;

/* Add at least want bytes of pending memory (or all of a region); false when none is left. */
static bool grow(struct growing_allocator *g, size_t want)
{
	while (g->nr_pending > 0) {
		struct mem_region *r = &g->pending[g->nr_pending - 1];
		size_t take = MIN(r->len, MAX(want, ALLOC_GROW_BYTES));
		void *base = phys_to_virt(r->base);

		r->base += take;
		r->len -= take;
		g->pending_bytes -= take;
		if (r->len == 0)
			g->nr_pending--;
		if (g->impl->ops->add_memory(g->impl, base, take) == 0)
			return true;
	}
	return false;
}

/* Metadata and alignment make a chunk hold less than its size: ask for twice as much. */
#define RETRY_GROWING(g, size, expr)                                                               \
	({                                                                                         \
		void *p_;                                                                          \
		while (!(p_ = (expr)) && grow(g, 2 * (size) + PAGE_SIZE))                         \
			;                                                                          \
		p_;                                                                                \
	})

static struct growing_allocator *to_growing(struct allocator *a)
{
	return container_of(a, struct growing_allocator, base);
}

static void *grow_malloc(struct allocator *a, size_t size)
{
	struct growing_allocator *g = to_growing(a);

	return RETRY_GROWING(g, size, g->impl->ops->malloc(g->impl, size));
}

static void *grow_memalign(struct allocator *a, size_t align, size_t size)
{
	struct growing_allocator *g = to_growing(a);

	return RETRY_GROWING(g, size + align, g->impl->ops->memalign(g->impl, align, size));
}

static void *grow_palloc(struct allocator *a, size_t npages)
{
	struct growing_allocator *g = to_growing(a);

	return RETRY_GROWING(g, npages * PAGE_SIZE, g->impl->ops->palloc(g->impl, npages));
}

static void grow_free(struct allocator *a, void *ptr)
{
	to_growing(a)->impl->ops->free(to_growing(a)->impl, ptr);
}

static size_t grow_usable_size(struct allocator *a, void *ptr)
{
	return to_growing(a)->impl->ops->usable_size(to_growing(a)->impl, ptr);
}

static void grow_pfree(struct allocator *a, void *ptr, size_t npages)
{
	to_growing(a)->impl->ops->pfree(to_growing(a)->impl, ptr, npages);
}

static int grow_add_memory(struct allocator *a, void *base, size_t len)
{
	return to_growing(a)->impl->ops->add_memory(to_growing(a)->impl, base, len);
}

/* Pending memory counts as free: it is, only not yet set up. */
static void grow_stats(struct allocator *a, struct alloc_stats *st)
{
	struct growing_allocator *g = to_growing(a);

	g->impl->ops->stats(g->impl, st);
	st->total_bytes += g->pending_bytes;
	st->free_bytes += g->pending_bytes;
}

static const struct allocator_ops growing_ops = {
	.malloc = grow_malloc,
	.memalign = grow_memalign,
	.free = grow_free,
	.usable_size = grow_usable_size,
	.palloc = grow_palloc,
	.pfree = grow_pfree,
	.add_memory = grow_add_memory,
	.stats = grow_stats,
};

struct allocator *alloc_default(void)
{
	return &default_allocator.base;
}

void *page_alloc(size_t npages)
{
	return grow_palloc(&default_allocator.base, npages);
}

void page_free(void *ptr, size_t npages)
{
	grow_pfree(&default_allocator.base, ptr, npages);
}

static const struct alloc_implementation *find_implementation(const char *name)
{
	for (const struct alloc_implementation *i = __alloc_impls_start; i < __alloc_impls_end; i++) {
		if (!strcmp(i->name, name))
			return i;
	}
	return NULL;
}

/* The largest free region starts the allocator; every region joins the pending list. */
static struct mem_region *collect_pending(struct growing_allocator *g, const struct boot_info *bi)
{
	struct mem_region *largest = NULL;

	for (int i = 0; i < bi->nr_free_mem; i++) {
		struct mem_region *r = &g->pending[g->nr_pending++];

		*r = bi->free_mem[i];
		g->pending_bytes += r->len;
		if (!largest || r->len > largest->len)
			largest = r;
	}
	return largest;
}

static int alloc_init(void)
{
	const struct boot_info *bi = boot_info();
	const struct alloc_implementation *impl = find_implementation(CONFIG_ALLOC_DEFAULT);
	struct growing_allocator *g = &default_allocator;
	struct mem_region *first;
	size_t initial;
	struct alloc_stats st;

	if (!impl)
		panic("alloc: implementation '%s' is not built in", CONFIG_ALLOC_DEFAULT);
	first = collect_pending(g, bi);
	if (!first)
		panic("alloc: the platform reported no free memory");
	initial = MIN(first->len, ALLOC_INITIAL_BYTES);
	g->impl = impl->create(phys_to_virt(first->base), initial);
	if (!g->impl)
		panic("alloc: %s cannot start in %zu bytes", impl->name, initial);
	first->base += initial;
	first->len -= initial;
	g->pending_bytes -= initial;
	g->base = (struct allocator){.ops = &growing_ops, .name = impl->name};
	alloc_default()->ops->stats(alloc_default(), &st);
	pr_info("alloc: %s manages %zu KiB of %lu KiB RAM\n", impl->name, st.total_bytes / 1024,
		(unsigned long)(bi->total_mem / 1024));
	return 0;
}
INITCALL(alloc_init, INIT_MEMORY);
