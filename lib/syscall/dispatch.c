/*
 * The dispatch table, filled at boot from every SYSCALL_DEFINE in the image,
 * and the one place where an unimplemented syscall is reported: once per
 * name, or fatally with syscall.strict=1.
 */
#include <stdbool.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/plat/shutdown.h>
#include <tessera/printk.h>
#include <tessera/arch/syscall.h>
#include <tessera/syscall.h>

#define SIGSYS 31

extern const struct syscall_entry __syscalls_start[], __syscalls_end[];
extern const char *const syscall_names[];
extern const unsigned int syscall_names_count;

static syscall_fn table[NR_SYSCALLS];
static uint64_t reported[NR_SYSCALLS / 64];
static uint64_t calls[NR_SYSCALLS];
static bool strict, report_at_exit;

const char *syscall_name(unsigned long nr)
{
	return nr < syscall_names_count && syscall_names[nr] ? syscall_names[nr] : NULL;
}

static long unimplemented(unsigned long nr)
{
	const char *name = syscall_name(nr);

	if (strict) {
		printk(LOG_EMERG, "syscall: %s (%lu) is not implemented and syscall.strict is set\n",
		       name ? name : "unknown", nr);
		plat_crash(128 + SIGSYS);
	}
	if (nr < NR_SYSCALLS && !(reported[nr / 64] & (1ULL << (nr % 64)))) {
		reported[nr / 64] |= 1ULL << (nr % 64);
		pr_warn("syscall: %s (%lu) is not implemented; returning -ENOSYS\n",
			name ? name : "unknown", nr);
	}
	return -ENOSYS;
}

long syscall_invoke(unsigned long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	if (likely(nr < NR_SYSCALLS)) {
		calls[nr]++;
		if (likely(table[nr]))
			return table[nr](a1, a2, a3, a4, a5, a6);
	}
	return unimplemented(nr);
}

uint64_t syscall_count(unsigned long nr)
{
	return nr < NR_SYSCALLS ? calls[nr] : 0;
}

bool syscall_implemented(unsigned long nr)
{
	return nr < NR_SYSCALLS && table[nr] && table[nr] != syscall_stub_enosys;
}

/* syscall.report=1: one "syscall: NAME COUNT" line per call made, at exit (for coverage). */
static void report(int status)
{
	(void)status;
	for (unsigned long nr = 0; nr < NR_SYSCALLS; nr++) {
		if (calls[nr])
			printk(LOG_EMERG, "syscall: %s %lu\n", syscall_name(nr) ?: "unknown", calls[nr]);
	}
}

static int set_report(const char *value)
{
	report_at_exit = !value || strcmp(value, "0");
	return 0;
}
KERNEL_PARAM("syscall.report", set_report, "list the syscalls made, with counts, at exit");

long syscall_fake_success(long a1, long a2, long a3, long a4, long a5, long a6)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6;
	return 0;
}

long syscall_stub_enosys(long a1, long a2, long a3, long a4, long a5, long a6)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6;
	return -ENOSYS;
}

static int set_strict(const char *value)
{
	strict = !value || strcmp(value, "0");
	return 0;
}
KERNEL_PARAM("syscall.strict", set_strict, "an unimplemented syscall stops the machine");

#define KERNEL_STACK_SIZE (32 * 1024)

static int syscall_init(void)
{
	char *stack = stack_alloc(KERNEL_STACK_SIZE);

	if (!stack)
		return -ENOMEM;
	/* The first thread's; with threads, the scheduler switches it with each thread. */
	arch_syscall_set_kernel_stack((uintptr_t)stack + KERNEL_STACK_SIZE - 4096);
	for (const struct syscall_entry *e = __syscalls_start; e < __syscalls_end; e++) {
		if (e->nr >= NR_SYSCALLS || table[e->nr])
			panic("syscall: %s registered twice or out of range", e->name);
		table[e->nr] = e->fn;
	}
	arch_syscall_init();
	if (report_at_exit)
		kernel_atexit(report);
	return 0;
}
INITCALL(syscall_init, INIT_LIB);
