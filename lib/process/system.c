/* What the system says about itself: uname, sethostname, sysinfo. */
#include <errno.h>
#include <linux/kernel.h>
#include <linux/utsname.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/mm.h>
#include <tessera/plat/time.h>
#include <tessera/process.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>

/* A Linux release new enough for every libc's minimum-kernel check. */
static struct new_utsname uts = {
	.sysname = "Linux",
	.nodename = "tessera",
	.release = "6.1.0-tessera",
	.version = "#1 SMP PREEMPT_DYNAMIC Tessera",
	.machine = "x86_64",
	.domainname = "(none)",
};

const struct new_utsname *process_uname(void)
{
	return &uts;
}

int process_set_hostname(const char *name, size_t len)
{
	if (len >= sizeof(uts.nodename))
		return -EINVAL;
	memcpy(uts.nodename, name, len);
	uts.nodename[len] = '\0';
	return 0;
}

static int set_hostname(const char *value)
{
	return value ? process_set_hostname(value, strlen(value)) : -EINVAL;
}
KERNEL_PARAM("hostname", set_hostname, "the node name uname() reports (default tessera)");

SYSCALL_DEFINE1(uname, struct new_utsname *, buf)
{
	return copy_to_user(buf, &uts, sizeof(uts));
}

static long set_name(char *field, size_t size, const char *user, int len)
{
	char name[__NEW_UTS_LEN + 1];

	if (len < 0 || (size_t)len >= size)
		return -EINVAL;
	if (copy_from_user(name, user, len))
		return -EFAULT;
	memcpy(field, name, len);
	field[len] = '\0';
	return 0;
}

SYSCALL_DEFINE2(sethostname, const char *, name, int, len)
{
	return set_name(uts.nodename, sizeof(uts.nodename), name, len);
}

SYSCALL_DEFINE2(setdomainname, const char *, name, int, len)
{
	return set_name(uts.domainname, sizeof(uts.domainname), name, len);
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo *, user)
{
	struct alloc_stats mem;
	struct sysinfo si;

	alloc_default()->ops->stats(alloc_default(), &mem);
	memset(&si, 0, sizeof(si));
	si.uptime = plat_clock_ns() / NSEC_PER_SEC;
	si.totalram = boot_info()->total_mem;
	si.freeram = mem.free_bytes;
	si.procs = 1;
	si.mem_unit = 1;
	return copy_to_user(user, &si, sizeof(si));
}
