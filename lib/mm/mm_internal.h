/* Shared by the parts of lib/mm. */
#ifndef LIB_MM_INTERNAL_H
#define LIB_MM_INTERNAL_H

#include <tessera/mm.h>

#define MM_PAGE 4096UL

extern struct list_head mm_vmas; /* sorted by start, disjoint */
extern uint64_t mm_page_faults;
extern size_t mm_resident_pages;

/* The mapping containing addr, or NULL. */
struct vma *vma_lookup(uintptr_t addr);
/* Make addr a VMA boundary (splitting the VMA containing it); -ENOMEM on failure. */
int vma_split_at(uintptr_t addr);
/* Remove every mapping in [start, end), freeing its pages. */
void vma_remove_range(uintptr_t start, uintptr_t end);
bool vma_range_free(uintptr_t start, uintptr_t end);
struct vma *vma_insert(uintptr_t start, uintptr_t end, unsigned int prot, unsigned int flags,
		       struct file *file, uint64_t pgoff, const char *name);
/*
 * A VMA takes or drops its file: a reference, and the inode's count of
 * shared writable mappings (F_SEAL_WRITE needs none).  vma_set_prot keeps
 * that count as the rights change.
 */
void vma_file_hold(struct vma *v);
void vma_file_release(struct vma *v);
void vma_set_prot(struct vma *v, unsigned int prot);
/* Write va's page back to v's file if v is a shared file mapping and the page is dirty. */
void mm_write_back_page(struct vma *v, uintptr_t va);
/* Free the pages mapped in [start, end) (writing back dirty shared file pages). */
void mm_release_pages(struct vma *v, uintptr_t start, uintptr_t end);
/* Page-table rights for a VMA's prot. */
unsigned int vma_page_rights(unsigned int prot);

/* Where new mappings and the heap go: saved and restored across fork. */
struct mm_layout {
	uintptr_t mmap_base, brk_base, brk_current;
};
void mm_get_layout(struct mm_layout *l);
uintptr_t mm_mmap_base(void);
void mm_set_layout(const struct mm_layout *l);

#endif
