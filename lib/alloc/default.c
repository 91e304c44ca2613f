/*
 * The default allocator: the implementation named by CONFIG_ALLOC_DEFAULT,
 * created on the largest free region at boot and given every other one.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/layout.h>
#include <tessera/boot.h>
#include <tessera/printk.h>

extern const struct alloc_implementation __alloc_impls_start[], __alloc_impls_end[];

static struct allocator *default_allocator;

struct allocator *alloc_default(void)
{
	return default_allocator;
}

void *page_alloc(size_t npages)
{
	return default_allocator->ops->palloc(default_allocator, npages);
}

void page_free(void *ptr, size_t npages)
{
	default_allocator->ops->pfree(default_allocator, ptr, npages);
}

static const struct alloc_implementation *find_implementation(const char *name)
{
	for (const struct alloc_implementation *i = __alloc_impls_start; i < __alloc_impls_end; i++) {
		if (!strcmp(i->name, name))
			return i;
	}
	return NULL;
}

static int largest_region(const struct boot_info *bi)
{
	int best = -1;

	for (int i = 0; i < bi->nr_free_mem; i++) {
		if (best < 0 || bi->free_mem[i].len > bi->free_mem[best].len)
			best = i;
	}
	return best;
}

static int alloc_init(void)
{
	const struct boot_info *bi = boot_info();
	const struct alloc_implementation *impl = find_implementation(CONFIG_ALLOC_DEFAULT);
	int first = largest_region(bi);
	struct alloc_stats st;

	if (!impl)
		panic("alloc: implementation '%s' is not built in", CONFIG_ALLOC_DEFAULT);
	if (first < 0)
		panic("alloc: the platform reported no free memory");
	default_allocator = impl->create(phys_to_virt(bi->free_mem[first].base),
					 bi->free_mem[first].len);
	if (!default_allocator)
		panic("alloc: %s cannot use %zu bytes", impl->name, bi->free_mem[first].len);
	for (int i = 0; i < bi->nr_free_mem; i++) {
		if (i != first)
			default_allocator->ops->add_memory(default_allocator,
							   phys_to_virt(bi->free_mem[i].base),
							   bi->free_mem[i].len);
	}
	default_allocator->ops->stats(default_allocator, &st);
	pr_info("alloc: %s manages %zu KiB of %lu KiB RAM\n", impl->name, st.total_bytes / 1024,
		(unsigned long)(bi->total_mem / 1024));
	return 0;
}
INITCALL(alloc_init, INIT_MEMORY);
