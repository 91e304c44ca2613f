/*
 * /proc/1, the process, and /proc/1/task/1, its only thread: the same
 * entries but "task".  Formats follow proc(5) and Linux's fs/proc.
 */
#include <errno.h>
#include <linux/resource.h>
#include <linux/signal.h>
#include <string.h>
#include <tessera/fdtable.h>
#include <tessera/mm.h>
#include <tessera/plat/time.h>
#include <tessera/process.h>
#include <tessera/uaccess.h>
#include "procfs_internal.h"

#define PF_RANDOMIZE 0x00400000		   /* task flag: ASLR applies, as for every Linux process */
#define FDSIZE_MIN   64			   /* Linux's first descriptor table */
#define CAP_BOUNDING_SET 0x000001ffffffffffULL /* capabilities 0..40 (cap_last_cap): all */

static int show_exe(struct proc_buf *b, const struct proc_node *node)
{
	const char *path = process_exe_path();

	(void)node;
	if (!path)
		return -ENOENT;
	path = vfs_user_path(path);
	proc_put(b, path, strlen(path));
	return 0;
}

static int show_cwd(struct proc_buf *b, const struct proc_node *node)
{
	const char *path = vfs_user_path(cwd_path());

	(void)node;
	proc_put(b, path, strlen(path));
	return 0;
}

/* [start, end) of the program's memory, as it is now. */
static int show_memory(struct proc_buf *b, uintptr_t start, uintptr_t end)
{
	char *at;

	if (end <= start)
		return 0;
	at = proc_reserve(b, end - start);
	if (!at)
		return b->err;
	if (copy_from_user(at, (const void *)start, end - start))
		return 0; /* unmapped by the program: empty, as Linux shows it */
	b->len += end - start;
	return 0;
}

static int show_cmdline(struct proc_buf *b, const struct proc_node *node)
{
	const struct process_areas *a = process_areas();

	(void)node;
	return a ? show_memory(b, a->arg_start, a->arg_end) : 0;
}

static int show_environ(struct proc_buf *b, const struct proc_node *node)
{
	const struct process_areas *a = process_areas();

	(void)node;
	return a ? show_memory(b, a->env_start, a->env_end) : 0;
}

static int show_auxv(struct proc_buf *b, const struct proc_node *node)
{
	const struct process_areas *a = process_areas();

	(void)node;
	return a ? show_memory(b, a->auxv_start, a->auxv_end) : 0;
}

static int show_comm(struct proc_buf *b, const struct proc_node *node)
{
	(void)node;
	proc_printf(b, "%s\n", process_comm());
	return 0;
}

/* Like Linux, takes the bytes as written (a newline too), cut to 15. */
static int store_comm(const char *data, size_t len, const struct proc_node *node)
{
	(void)len;
	(void)node;
	process_set_comm(data);
	return 0;
}

static int show_maps(struct proc_buf *b, const struct proc_node *node)
{
	size_t len = mm_format_maps(NULL, 0);
	char *at = proc_reserve(b, len);

	(void)node;
	if (!at)
		return b->err;
	/* Nothing maps in between: the second call writes what the first measured. */
	b->len += MIN(len, mm_format_maps(at, len + 1));
	return 0;
}

static uint64_t uptime_ticks(void)
{
	return plat_clock_ns() / (NSEC_PER_SEC / USER_HZ);
}

static uint64_t rlimit_cur(unsigned int resource)
{
	uint64_t cur, max;

	return process_get_rlimit(resource, &cur, &max) ? 0 : cur;
}

/* proc(5): 52 fields.  All the CPU time is the process's, counted as user time as times() does. */
static int show_stat(struct proc_buf *b, const struct proc_node *node)
{
	const struct process_areas *a = process_areas();
	static const struct process_areas none;
	struct mm_stats mm;

	(void)node;
	mm_get_stats(&mm);
	if (!a)
		a = &none;
	/* 1-9: pid (comm) state ppid pgrp session tty_nr tpgid flags */
	proc_printf(b, "%d (%s) R 0 %d %d 0 -1 %u ", PROC_PID, process_comm(), PROC_PID, PROC_PID,
		    PF_RANDOMIZE);
	/* 10-17: minflt cminflt majflt cmajflt utime stime cutime cstime */
	proc_printf(b, "%lu 0 0 0 %lu 0 0 0 ", (unsigned long)mm.page_faults,
		    (unsigned long)uptime_ticks());
	/* 18-25: priority nice num_threads itrealvalue starttime vsize rss rsslim */
	proc_printf(b, "%d %d 1 0 0 %zu %zu %lu ", 20 + process_nice(), process_nice(),
		    mm.mapped_bytes, mm.resident_pages,
		    (unsigned long)rlimit_cur(RLIMIT_RSS));
	/* 26-30: startcode endcode startstack kstkesp kstkeip */
	proc_printf(b, "%lu %lu %lu 0 0 ", a->start_code, a->end_code, a->start_stack);
	/* 31-37: signal blocked sigignore sigcatch wchan nswap cnswap */
	proc_printf(b, "0 0 0 0 0 0 0 ");
	/* 38-44: exit_signal processor rt_priority policy delayacct_blkio_ticks guest cguest */
	proc_printf(b, "%d 0 0 0 0 0 0 ", SIGCHLD);
	/* 45-52: start_data end_data start_brk arg_start arg_end env_start env_end exit_code */
	proc_printf(b, "%lu %lu %lu %lu %lu %lu %lu 0\n", a->start_data, a->end_data, a->start_brk,
		    a->arg_start, a->arg_end, a->env_start, a->env_end);
	return 0;
}

/* The program's text, in pages as Linux rounds it. */
static size_t text_pages(const struct process_areas *a)
{
	if (!a || !a->end_code)
		return 0;
	return (ALIGN_UP(a->end_code, 4096) - ALIGN_DOWN(a->start_code, 4096)) / 4096;
}

/* Pages: size resident shared text lib data dt.  Sharing is not tracked: 0, as data and lib. */
static int show_statm(struct proc_buf *b, const struct proc_node *node)
{
	struct mm_stats mm;

	(void)node;
	mm_get_stats(&mm);
	proc_printf(b, "%zu %zu 0 %zu 0 0 0\n", mm.mapped_bytes / 4096, mm.resident_pages,
		    text_pages(process_areas()));
	return 0;
}

/* Name: as Linux escapes it (a newline written to comm must not start a new key). */
static void put_escaped_name(struct proc_buf *b, const char *name)
{
	for (const char *p = name; *p; p++) {
		if (*p == '\n')
			proc_put(b, "\\n", 2);
		else if (*p == '\\')
			proc_put(b, "\\\\", 2);
		else
			proc_put(b, p, 1);
	}
}

static int show_status(struct proc_buf *b, const struct proc_node *node)
{
	uint32_t uid[3], gid[3];
	uint64_t cap_eff, cap_prm, cap_inh;
	unsigned int fdsize = FDSIZE_MIN;
	struct mm_stats mm;
	size_t rss_kb;

	(void)node;
	mm_get_stats(&mm);
	rss_kb = mm.resident_pages * 4;
	process_get_ids(uid, gid);
	while ((int)fdsize <= fd_highest())
		fdsize *= 2;
	proc_put(b, "Name:\t", 6);
	put_escaped_name(b, process_comm());
	proc_printf(b, "\nUmask:\t%04o\nState:\tR (running)\n", vfs_umask());
	proc_printf(b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t0\nTracerPid:\t0\n", PROC_PID,
		    PROC_PID);
	proc_printf(b, "Uid:\t%u\t%u\t%u\t%u\n", uid[0], uid[1], uid[2], uid[1]);
	proc_printf(b, "Gid:\t%u\t%u\t%u\t%u\n", gid[0], gid[1], gid[2], gid[1]);
	proc_printf(b, "FDSize:\t%u\nGroups:\t \n", fdsize);
	proc_printf(b, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", PROC_PID, PROC_PID,
		    PROC_PID, PROC_PID);
	/* No peak is kept: the peaks are the current values.  All resident memory is anonymous. */
	proc_printf(b, "VmPeak:\t%8zu kB\nVmSize:\t%8zu kB\nVmLck:\t%8d kB\nVmPin:\t%8d kB\n",
		    mm.mapped_bytes / 1024, mm.mapped_bytes / 1024, 0, 0);
	proc_printf(b, "VmHWM:\t%8zu kB\nVmRSS:\t%8zu kB\nRssAnon:\t%8zu kB\n", rss_kb, rss_kb,
		    rss_kb);
	proc_printf(b, "RssFile:\t%8d kB\nRssShmem:\t%8d kB\n", 0, 0);
	proc_printf(b, "VmData:\t%8d kB\nVmStk:\t%8d kB\nVmExe:\t%8zu kB\nVmLib:\t%8d kB\n", 0, 0,
		    text_pages(process_areas()) * 4, 0);
	proc_printf(b, "VmPTE:\t%8d kB\nVmSwap:\t%8d kB\nHugetlbPages:\t%8d kB\n", 0, 0, 0);
	proc_printf(b, "CoreDumping:\t0\nTHP_enabled:\t0\nThreads:\t1\nSigQ:\t0/%lu\n",
		    (unsigned long)rlimit_cur(RLIMIT_SIGPENDING));
	proc_printf(b,
		    "SigPnd:\t%016x\nShdPnd:\t%016x\nSigBlk:\t%016x\nSigIgn:\t%016x\n"
		    "SigCgt:\t%016x\n",
		    0, 0, 0, 0, 0);
	process_get_caps(&cap_eff, &cap_prm, &cap_inh);
	proc_printf(b,
		    "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\n"
		    "CapAmb:\t%016x\n",
		    (unsigned long long)cap_inh, (unsigned long long)cap_prm,
		    (unsigned long long)cap_eff, (unsigned long long)CAP_BOUNDING_SET, 0);
	proc_printf(b, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	proc_printf(b, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	proc_printf(b, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	proc_printf(b, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
	return 0;
}

static const struct {
	const char *name;
	const char *unit;
} limit_names[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = {"Max cpu time", "seconds"},
	[RLIMIT_FSIZE] = {"Max file size", "bytes"},
	[RLIMIT_DATA] = {"Max data size", "bytes"},
	[RLIMIT_STACK] = {"Max stack size", "bytes"},
	[RLIMIT_CORE] = {"Max core file size", "bytes"},
	[RLIMIT_RSS] = {"Max resident set", "bytes"},
	[RLIMIT_NPROC] = {"Max processes", "processes"},
	[RLIMIT_NOFILE] = {"Max open files", "files"},
	[RLIMIT_MEMLOCK] = {"Max locked memory", "bytes"},
	[RLIMIT_AS] = {"Max address space", "bytes"},
	[RLIMIT_LOCKS] = {"Max file locks", "locks"},
	[RLIMIT_SIGPENDING] = {"Max pending signals", "signals"},
	[RLIMIT_MSGQUEUE] = {"Max msgqueue size", "bytes"},
	[RLIMIT_NICE] = {"Max nice priority", NULL},
	[RLIMIT_RTPRIO] = {"Max realtime priority", NULL},
	[RLIMIT_RTTIME] = {"Max realtime timeout", "us"},
};

static void put_limit(struct proc_buf *b, uint64_t value)
{
	if (value == RLIM64_INFINITY)
		proc_printf(b, "%-20s ", "unlimited");
	else
		proc_printf(b, "%-20lu ", (unsigned long)value);
}

static int show_limits(struct proc_buf *b, const struct proc_node *node)
{
	(void)node;
	proc_printf(b, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (unsigned int i = 0; i < RLIM_NLIMITS; i++) {
		uint64_t cur, max;

		if (process_get_rlimit(i, &cur, &max))
			continue;
		proc_printf(b, "%-25s ", limit_names[i].name);
		put_limit(b, cur);
		put_limit(b, max);
		if (limit_names[i].unit)
			proc_printf(b, "%-10s", limit_names[i].unit);
		proc_put(b, "\n", 1);
	}
	return 0;
}

static struct proc_entry pid_entries[] = {
	PROC_FILE("auxv", 0400, show_auxv),
	PROC_TEXT("cgroup", "0::/\n"),
	PROC_FILE("cmdline", 0444, show_cmdline),
	PROC_RW_FILE("comm", 0644, show_comm, store_comm),
	PROC_LINK("cwd", show_cwd),
	PROC_FILE("environ", 0400, show_environ),
	PROC_LINK("exe", show_exe),
	PROC_DIR("fd", 0500, &proc_fd_dir),
	PROC_DIR("fdinfo", 0500, &proc_fdinfo_dir),
	PROC_FILE("limits", 0444, show_limits),
	PROC_FILE("maps", 0444, show_maps),
	PROC_FILE("mountinfo", 0444, proc_show_mountinfo),
	PROC_FILE("mounts", 0444, proc_show_mounts),
	PROC_TEXT("oom_score", "0\n"),
	PROC_TUNABLE("oom_score_adj", "0\n"), /* no OOM killer to tune */
	PROC_FIXED_LINK("root", "/"),
	PROC_FILE("stat", 0444, show_stat),
	PROC_FILE("statm", 0444, show_statm),
	PROC_FILE("status", 0444, show_status),
	PROC_DIR("task", 0555, &proc_task_dir), /* last: a thread's directory is the others */
};

const struct proc_dir proc_pid_dir = PROC_DIR_OF(pid_entries);
static const struct proc_dir thread_dir = {
	.entries = pid_entries,
	.nr_entries = ARRAY_SIZE(pid_entries) - 1,
};

static struct proc_entry task_entries[] = {
	PROC_DIR("1", 0555, &thread_dir), /* the main thread's id is the process id */
};
const struct proc_dir proc_task_dir = PROC_DIR_OF(task_entries);
