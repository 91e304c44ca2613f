/*
 * /proc itself: its table, the file system "proc", and its mount on /proc
 * once the root file system is up.
 */
#include <errno.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include "procfs_internal.h"

#define PROC_SUPER_MAGIC 0x9fa0

static struct proc_entry root_entries[] = {
	PROC_DIR("1", 0555, &proc_pid_dir), /* PROC_PID */
	PROC_FILE("cpuinfo", 0444, proc_show_cpuinfo),
	PROC_FILE("filesystems", 0444, proc_show_filesystems),
	PROC_FILE("loadavg", 0444, proc_show_loadavg),
	PROC_FILE("meminfo", 0444, proc_show_meminfo),
	PROC_FIXED_LINK("mounts", "self/mounts"),
	PROC_FIXED_LINK("self", "1"),
	PROC_FILE("stat", 0444, proc_show_stat),
	PROC_DIR("sys", 0555, &proc_sys_dir),
	PROC_FIXED_LINK("thread-self", "1/task/1"),
	PROC_FILE("uptime", 0444, proc_show_uptime),
	PROC_FILE("version", 0444, proc_show_version),
};
static const struct proc_dir root_dir = PROC_DIR_OF(root_entries);
static struct proc_entry root = PROC_DIR("", 0555, &root_dir);

/* One instance: every mount shows the same tree. */
static int proc_mount(const char *source, const char *options, struct inode **out)
{
	(void)source;
	(void)options;
	*out = proc_entry_inode(&root);
	return *out ? 0 : -ENOMEM;
}

static struct filesystem procfs = {
	.name = "proc",
	.magic = PROC_SUPER_MAGIC,
	.mount = proc_mount,
};

static int procfs_init(void)
{
	int err;

	proc_sb.fs = &procfs;
	proc_sb.dev = vfs_new_dev();
	vfs_register_filesystem(&procfs);
	vfs_mkdir(NULL, "/proc", 0555); /* it may exist already */
	err = vfs_mount("proc", "proc", "/proc", NULL);
	if (err)
		pr_warn("procfs: cannot mount on /proc (%d)\n", err);
	return 0;
}
INITCALL(procfs_init, INIT_LATE);
