/*
 * /proc/sys: the sysctl values programs read.  Writes are accepted, as
 * root's would be, and change nothing but the host name: the others tune
 * mechanisms this kernel does not have (or has fixed).
 */
#include <linux/utsname.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/fdtable.h>
#include <tessera/fmt.h>
#include <tessera/process.h>
#include <tessera/random.h>
#include "procfs_internal.h"

#define SYS_FILE(_name, _show) PROC_RW_FILE(_name, 0644, _show, proc_store_ignored)

#define THREAD_STACK 16384 /* Linux's kernel stack per thread, for threads-max */
#define MIN_THREADS  20
#define NR_FILE	     8192 /* Linux's floor for file-max */
#define UUID_LEN     36

static int show_uts_field(struct proc_buf *b, const struct proc_node *node)
{
	/* data: the field's offset in struct new_utsname */
	proc_printf(b, "%s\n", (const char *)process_uname() + (uintptr_t)node->entry->data);
	return 0;
}

/* clang-format off */
#define UTS_FILE(_name, _field, _store) \
	{ .name = _name, .mode = S_IFREG | 0644, .show = show_uts_field, .store = _store, \
	  .data = (void *)offsetof(struct new_utsname, _field) }
/* clang-format on */

/* Like Linux's proc_dostring: the text up to the first newline. */
static int store_hostname(const char *data, size_t len, const struct proc_node *node)
{
	(void)node;
	return process_set_hostname(data, strcspn(data, "\n") < len ? strcspn(data, "\n") : len);
}

/* Linux: as many threads as kernel stacks fit in an eighth of memory. */
static int show_threads_max(struct proc_buf *b, const struct proc_node *node)
{
	uint64_t n = boot_info()->total_mem / (8 * THREAD_STACK);

	(void)node;
	proc_printf(b, "%lu\n", (unsigned long)MAX(n, (uint64_t)MIN_THREADS));
	return 0;
}

/* Linux: one open file per 10 KiB of memory, at least NR_FILE. */
static int show_file_max(struct proc_buf *b, const struct proc_node *node)
{
	uint64_t n = boot_info()->total_mem / 1024 / 10;

	(void)node;
	proc_printf(b, "%lu\n", (unsigned long)MAX(n, (uint64_t)NR_FILE));
	return 0;
}

/* The most RLIMIT_NOFILE may be raised to: the descriptor table's size. */
static int show_nr_open(struct proc_buf *b, const struct proc_node *node)
{
	(void)node;
	proc_printf(b, "%d\n", FD_LIMIT_HARD);
	return 0;
}

/* A random (version 4) UUID in its text form. */
static void make_uuid(char out[UUID_LEN + 1])
{
	uint8_t u[16];
	int n = 0;

	random_bytes(u, sizeof(u));
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[n++] = '-';
		fmt_snprintf(out + n, 3, "%02x", u[i]);
		n += 2;
	}
	out[n] = '\0';
}

static int show_uuid(struct proc_buf *b, const struct proc_node *node)
{
	char uuid[UUID_LEN + 1];

	(void)node;
	make_uuid(uuid);
	proc_printf(b, "%s\n", uuid);
	return 0;
}

/* One per boot: made at its first reading. */
static int show_boot_id(struct proc_buf *b, const struct proc_node *node)
{
	static char boot_id[UUID_LEN + 1];

	(void)node;
	if (!boot_id[0])
		make_uuid(boot_id);
	proc_printf(b, "%s\n", boot_id);
	return 0;
}

static struct proc_entry random_entries[] = {
	SYS_FILE("boot_id", show_boot_id),
	PROC_TUNABLE("entropy_avail", "256\n"), /* Linux 5.18 on: always a full pool */
	PROC_TUNABLE("poolsize", "256\n"),
	SYS_FILE("uuid", show_uuid),
};
static const struct proc_dir random_dir = PROC_DIR_OF(random_entries);

static struct proc_entry kernel_entries[] = {
	PROC_TUNABLE("cap_last_cap", "40\n"),
	UTS_FILE("domainname", domainname, proc_store_ignored),
	UTS_FILE("hostname", nodename, store_hostname),
	PROC_TUNABLE("ngroups_max", "65536\n"),
	UTS_FILE("osrelease", release, proc_store_ignored),
	UTS_FILE("ostype", sysname, proc_store_ignored),
	PROC_TUNABLE("pid_max", "32768\n"), /* Linux's default for few CPUs */
	PROC_DIR("random", 0555, &random_dir),
	PROC_TUNABLE("randomize_va_space", "2\n"),
	SYS_FILE("threads-max", show_threads_max),
	UTS_FILE("version", version, proc_store_ignored),
};
static const struct proc_dir kernel_dir = PROC_DIR_OF(kernel_entries);

static struct proc_entry vm_entries[] = {
	PROC_TUNABLE("max_map_count", "65530\n"),
	PROC_TUNABLE("overcommit_memory", "0\n"),
	PROC_TUNABLE("overcommit_ratio", "50\n"),
	PROC_TUNABLE("swappiness", "60\n"),
};
static const struct proc_dir vm_dir = PROC_DIR_OF(vm_entries);

static struct proc_entry core_entries[] = {
	PROC_TUNABLE("somaxconn", "4096\n"),
};
static const struct proc_dir core_dir = PROC_DIR_OF(core_entries);

static struct proc_entry net_entries[] = {
	PROC_DIR("core", 0555, &core_dir),
};
static const struct proc_dir net_dir = PROC_DIR_OF(net_entries);

static struct proc_entry fs_entries[] = {
	SYS_FILE("file-max", show_file_max),
	SYS_FILE("nr_open", show_nr_open),
};
static const struct proc_dir fs_dir = PROC_DIR_OF(fs_entries);

static struct proc_entry sys_entries[] = {
	PROC_DIR("fs", 0555, &fs_dir),
	PROC_DIR("kernel", 0555, &kernel_dir),
	PROC_DIR("net", 0555, &net_dir),
	PROC_DIR("vm", 0555, &vm_dir),
};
const struct proc_dir proc_sys_dir = PROC_DIR_OF(sys_entries);
