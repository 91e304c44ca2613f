/*
 * The memory map across fork and exec (see <tessera/process_state.h>).
 * At fork, the parent's mappings are recorded with a copy of every page it
 * owns (pages of files and the zero page are shared, not copied); the child
 * runs on the live ones.  When the child has ended, its mappings go and the
 * recorded ones come back, mapped onto the copies.  exec just empties the map.
 * Each of these gives the live memory a new identity (mm_space_id).
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/layout.h>
#include <tessera/arch/paging.h>
#include <tessera/process_state.h>
#include <tessera/vfs.h>
#include "mm_internal.h"

static uint64_t space_id = 1, last_space_id = 1;

uint64_t mm_space_id(void)
{
	return space_id;
}

static void new_space(void)
{
	space_id = ++last_space_id;
}

struct saved_page {
	uintptr_t va, pa;
	unsigned int rights;
};

struct saved_mm {
	uint64_t space_id;
	struct list_head vmas;
	struct saved_page *pages;
	size_t nr_pages, capacity;
	struct mm_layout layout;
};

static int remember_page(struct saved_mm *s, uintptr_t va, uintptr_t pa, unsigned int rights)
{
	if (s->nr_pages == s->capacity) {
		size_t n = s->capacity ? 2 * s->capacity : 256;
		struct saved_page *more = alloc_realloc(alloc_default(), s->pages, n * sizeof(*more));

		if (!more)
			return -ENOMEM;
		s->pages = more;
		s->capacity = n;
	}
	s->pages[s->nr_pages++] = (struct saved_page){va, pa, rights};
	return 0;
}

/* Record one mapping and a copy of each page it owns. */
static int save_vma(struct saved_mm *s, const struct vma *v)
{
	struct vma *copy = alloc_malloc(alloc_default(), sizeof(*copy));
	uintptr_t va = v->start, pa;
	unsigned int rights;

	if (!copy)
		return -ENOMEM;
	*copy = *v;
	vma_file_hold(copy);
	list_add_tail(&copy->link, &s->vmas);
	while ((va = pt_next_mapped(va, v->end)) < v->end) {
		pt_translate(va, &pa, &rights);
		rights &= ~VM_DIRTY;
		if (!(rights & VM_FOREIGN)) {
			void *page = page_alloc(1);

			if (!page)
				return -ENOMEM;
			memcpy(page, phys_to_virt(pa), MM_PAGE);
			pa = virt_to_phys(page);
		}
		if (remember_page(s, va, pa, rights))
			return -ENOMEM;
		va += MM_PAGE;
	}
	return 0;
}

static void free_saved(struct saved_mm *s)
{
	struct vma *v, *tmp;

	for (size_t i = 0; i < s->nr_pages; i++) {
		if (!(s->pages[i].rights & VM_FOREIGN))
			page_free(phys_to_virt(s->pages[i].pa), 1);
	}
	list_for_each_entry_safe(v, tmp, &s->vmas, link) {
		vma_file_release(v);
		alloc_free(alloc_default(), v);
	}
	alloc_free(alloc_default(), s->pages);
	alloc_free(alloc_default(), s);
}

static int mm_save(unsigned int shares, void **saved)
{
	struct saved_mm *s;
	struct vma *v;

	if (shares & PROCESS_SHARES_MEMORY) {
		*saved = NULL; /* vfork and CLONE_VM: the child writes the parent's memory */
		return 0;
	}
	s = alloc_calloc(alloc_default(), 1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	list_init(&s->vmas);
	s->space_id = space_id;
	mm_get_layout(&s->layout);
	list_for_each_entry(v, &mm_vmas, link) {
		if (save_vma(s, v)) {
			free_saved(s);
			return -ENOMEM;
		}
	}
	*saved = s;
	new_space();
	return 0;
}

static void mm_restore(void *saved)
{
	struct saved_mm *s = saved;

	vma_remove_range(USER_SPACE_START, USER_SPACE_END);
	list_splice_tail(&s->vmas, &mm_vmas);
	for (size_t i = 0; i < s->nr_pages; i++) {
		pt_map(s->pages[i].va, s->pages[i].pa, MM_PAGE, s->pages[i].rights);
		if (!(s->pages[i].rights & VM_FOREIGN))
			mm_resident_pages++;
	}
	mm_set_layout(&s->layout);
	space_id = s->space_id;
	alloc_free(alloc_default(), s->pages);
	alloc_free(alloc_default(), s);
}

static void mm_exec(void)
{
	vma_remove_range(USER_SPACE_START, USER_SPACE_END);
	new_space();
}
PROCESS_STATE(mm, mm_save, mm_restore, mm_exec);
