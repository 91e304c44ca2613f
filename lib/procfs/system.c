/*
 * System-wide state: /proc/stat, uptime, loadavg, version.  One CPU runs
 * one process; the time since boot is all the process's (as times() and
 * getrusage() count it), so it is user time and the CPU is never idle.
 */
#include <linux/utsname.h>
#include <tessera/plat/time.h>
#include <tessera/process.h>
#include <tessera/realtime.h>
#include "procfs_internal.h"

#define NR_SOFTIRQS 10 /* columns of the softirq line */

int proc_show_stat(struct proc_buf *b, const struct proc_node *node)
{
	uint64_t ns = plat_clock_ns();
	unsigned long user = ns / (NSEC_PER_SEC / USER_HZ);
	unsigned long btime = (realtime_ns() - ns) / NSEC_PER_SEC;

	(void)node;
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	proc_printf(b, "cpu  %lu 0 0 0 0 0 0 0 0 0\n", user);
	proc_printf(b, "cpu0 %lu 0 0 0 0 0 0 0 0 0\n", user);
	proc_printf(b, "intr 0\nctxt 0\nbtime %lu\n", btime);
	proc_printf(b, "processes 1\nprocs_running 1\nprocs_blocked 0\n");
	proc_printf(b, "softirq 0");
	for (int i = 0; i < NR_SOFTIRQS; i++)
		proc_printf(b, " 0");
	proc_printf(b, "\n");
	return 0;
}

/* Seconds since boot and idle seconds, with two decimals. */
int proc_show_uptime(struct proc_buf *b, const struct proc_node *node)
{
	uint64_t cs = plat_clock_ns() / (NSEC_PER_SEC / 100);

	(void)node;
	proc_printf(b, "%lu.%02lu 0.00\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100));
	return 0;
}

/* No load is sampled; the one thread is running; the last pid made is 1. */
int proc_show_loadavg(struct proc_buf *b, const struct proc_node *node)
{
	(void)node;
	proc_printf(b, "0.00 0.00 0.00 1/1 %d\n", PROC_PID);
	return 0;
}

int proc_show_version(struct proc_buf *b, const struct proc_node *node)
{
	const struct new_utsname *uts = process_uname();

	(void)node;
	proc_printf(b, "%s version %s (tessera@tessera) (gcc version " __VERSION__ ") %s\n",
		    uts->sysname, uts->release, uts->version);
	return 0;
}
