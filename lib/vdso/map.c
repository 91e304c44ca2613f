/*
 * Mapping the vDSO into a program: a pseudo-file whose page 0 is the time
 * library's clock page and whose next pages are the vDSO image (linked
 * into the kernel's text, page aligned: vdso_image.c, generated).  Both are
 * the kernel's own pages, mapped in place: the clock page read-only, the
 * code read-only and executable.
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <tessera/mm.h>
#include <tessera/time_vvar.h>
#include <tessera/vdso.h>
#include <tessera/vfs.h>

#define PAGE 4096UL

extern const char vdso_image_start[], vdso_image_end[];

static size_t image_pages(void)
{
	return (vdso_image_end - vdso_image_start) / PAGE;
}

static int vdso_map_page(struct inode *inode, uint64_t index, struct vfs_page *out)
{
	(void)inode;
	if (index > image_pages())
		return -ENXIO;
	out->addr = index ? (void *)(vdso_image_start + (index - 1) * PAGE)
			  : (void *)time_vvar_page();
	out->file_owned = true;
	return 0;
}

static const struct inode_operations vdso_iops = {.map_page = vdso_map_page};
static struct super_block vdso_sb;

/* One inode for every program, made on first use and kept. */
static struct inode *vdso_inode(void)
{
	static struct inode *inode;

	if (!inode) {
		inode = inode_new(&vdso_sb, S_IFREG | 0444);
		if (inode) {
			inode->iops = &vdso_iops;
			inode->attr.size = (1 + image_pages()) * PAGE;
		}
	}
	return inode;
}

long vdso_map(void)
{
	struct inode *inode = vdso_inode();
	size_t len = (1 + image_pages()) * PAGE;
	struct file *f;
	long base, code;

	if (!inode)
		return -ENOMEM;
	inode_get(inode);
	f = file_new(inode, O_RDONLY, "[vdso]");
	if (!f) {
		inode_put(inode);
		return -ENOMEM;
	}
	/* The whole range first, so that the code lands right above the clock page. */
	base = mm_map(0, len, PROT_READ, MAP_PRIVATE, f, 0, "[vvar]");
	code = base < 0 ? base
			: mm_map(base + PAGE, len - PAGE, PROT_READ | PROT_EXEC,
				 MAP_PRIVATE | MAP_FIXED, f, 1, "[vdso]");
	file_put(f);
	return code;
}
