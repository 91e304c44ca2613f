/* /proc/self/maps and memory statistics. */
#include <linux/mman.h>
#include <tessera/fmt.h>
#include <tessera/vfs.h>
#include "mm_internal.h"

size_t mm_format_maps(char *buf, size_t len)
{
	size_t total = 0;
	struct vma *v;

	list_for_each_entry(v, &mm_vmas, link) {
		const char *name = v->name ? v->name : v->file ? vfs_user_path(v->file->path) : "";
		/* A named mapping ([vdso], [stack], ...) shows no file, even if one backs it. */
		const struct file *f = v->name ? NULL : v->file;
		int n = fmt_snprintf(buf + MIN(total, len), len - MIN(total, len),
				     "%012lx-%012lx %c%c%c%c %08lx 00:%02lx %lu%s%s\n", v->start,
				     v->end, v->prot & PROT_READ ? 'r' : '-',
				     v->prot & PROT_WRITE ? 'w' : '-', v->prot & PROT_EXEC ? 'x' : '-',
				     v->flags & MAP_SHARED ? 's' : 'p', f ? v->pgoff * MM_PAGE : 0,
				     f ? f->inode->sb->dev : 0UL, f ? f->inode->attr.ino : 0UL,
				     *name ? "                          " : "", name);

		total += n;
	}
	return total;
}

void mm_get_stats(struct mm_stats *st)
{
	struct vma *v;

	st->mapped_bytes = 0;
	list_for_each_entry(v, &mm_vmas, link)
		st->mapped_bytes += v->end - v->start;
	st->resident_pages = mm_resident_pages;
	st->page_faults = mm_page_faults;
}
