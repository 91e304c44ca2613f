/*
 * The root file system: a ramfs at "/", filled from the initrd (a cpio
 * "newc" archive, which `tessera run` builds with page-aligned file data so
 * that files use the initrd's pages in place instead of copies).
 */
#include <errno.h>
#include <linux/fcntl.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/layout.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include <tessera/ramfs.h>
#include <tessera/vfs.h>

#define NEWC_MAGIC   "070701"
#define HEADER_SIZE  110
#define S_IFMT_BITS  0170000
#define TYPE_DIR     0040000
#define TYPE_REG     0100000
#define TYPE_LNK     0120000

struct newc_entry {
	uint32_t mode, nlink, ino;
	uint64_t size;
	char *name;
	const char *data;
};

static uint32_t hex_field(const char *p)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];

		v = v * 16 + (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return v;
}

/* Parse the entry at *pos; advances *pos.  0, 1 at the trailer, or -EINVAL. */
static int next_entry(const char *base, size_t len, size_t *pos, struct newc_entry *e)
{
	const char *h = base + *pos;
	uint32_t namesize;

	if (*pos + HEADER_SIZE > len || memcmp(h, NEWC_MAGIC, 6))
		return -EINVAL;
	e->ino = hex_field(h + 6);
	e->mode = hex_field(h + 14);
	e->nlink = hex_field(h + 38);
	e->size = hex_field(h + 54);
	namesize = hex_field(h + 94);
	if (namesize == 0 || *pos + HEADER_SIZE + namesize > len || h[HEADER_SIZE + namesize - 1])
		return -EINVAL;
	e->name = (char *)h + HEADER_SIZE;
	*pos = ALIGN_UP(*pos + HEADER_SIZE + namesize, 4);
	if (*pos + e->size > len)
		return -EINVAL;
	e->data = base + *pos;
	*pos = ALIGN_UP(*pos + e->size, 4);
	return strcmp(e->name, "TRAILER!!!") ? 0 : 1;
}

/* mkdir -p for the parents of path (ignoring what already exists). */
static void make_parents(char *path)
{
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		vfs_mkdir(NULL, path, 0755);
		*slash = '/';
	}
}

static int make_file(const char *path, const struct newc_entry *e)
{
	struct file *f;
	int err = vfs_open(NULL, path, O_CREAT | O_EXCL | O_WRONLY, e->mode & 07777, &f);

	if (err)
		return err;
	err = ramfs_set_backing(f->inode, e->data, e->size);
	f->inode->attr.mode = e->mode;
	file_put(f);
	return err;
}

static int make_symlink(const char *path, const struct newc_entry *e)
{
	char target[VFS_PATH_MAX];

	if (e->size >= sizeof(target))
		return -ENAMETOOLONG;
	memcpy(target, e->data, e->size);
	target[e->size] = '\0';
	return vfs_symlink(target, NULL, path);
}

static int unpack_entry(const struct newc_entry *e)
{
	char path[VFS_PATH_MAX];
	const char *name = e->name;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (!name[0] || !strcmp(name, ".") || strlen(name) + 2 > sizeof(path))
		return 0;
	path[0] = '/';
	strcpy(path + 1, name);
	make_parents(path);
	switch (e->mode & S_IFMT_BITS) {
	case TYPE_DIR: {
		int err = vfs_mkdir(NULL, path, e->mode & 07777);

		return err == -EEXIST ? 0 : err;
	}
	case TYPE_REG:
		return make_file(path, e);
	case TYPE_LNK:
		return make_symlink(path, e);
	default:
		return 0; /* devices and fifos: /dev is devfs */
	}
}

static int unpack(const char *base, size_t len)
{
	struct newc_entry e;
	size_t pos = 0;
	int err, files = 0;

	while ((err = next_entry(base, len, &pos, &e)) == 0) {
		int uerr = unpack_entry(&e);

		if (uerr)
			pr_warn("initrd: cannot create %s (error %d)\n", e.name, uerr);
		files++;
	}
	if (err < 0)
		pr_err("initrd: malformed cpio archive at offset %zu\n", pos);
	pr_info("initrd: %d entries, %zu KiB used in place\n", files, len / 1024);
	return 0;
}

static int rootfs_init(void)
{
	const struct boot_info *bi = boot_info();
	int err = vfs_mount("ramfs", "rootfs", "/", NULL);

	if (err)
		panic("rootfs: cannot mount ramfs on / (%d)", err);
	if (bi->initrd_len)
		unpack(phys_to_virt(bi->initrd), bi->initrd_len);
	return 0;
}
INITCALL(rootfs_init, INIT_FS);
