/*
 * The vDSO's code, which runs in the program: the clocks from the TSC and
 * the kernel's clock page (<tessera/time_vvar.h>), mapped one page below
 * this object; anything else (CPU-time clocks, a TSC not yet calibrated)
 * makes the syscall, as Linux's vDSO does.  No kernel code or data is
 * reachable from here: only the page and the TSC.
 */
#include <asm/unistd.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <tessera/time_vvar.h>

#define NSEC_PER_SEC 1000000000LL

/* Placed by vdso.lds one page before the object's first byte. */
extern const struct time_vvar vvar __attribute__((visibility("hidden")));

static long syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

static unsigned long long rdtsc_ordered(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (unsigned long long)hi << 32 | lo;
}

/* Monotonic and realtime ns, consistent with each other; 0 if the page cannot say. */
static int read_clock(long long *mono, long long *offset)
{
	const volatile struct time_vvar *v = &vvar;
	unsigned int seq;

	do {
		seq = v->seq;
		__asm__ volatile("" ::: "memory");
		if (!v->tsc_valid)
			return 0;
		*mono = (long long)(((unsigned __int128)(rdtsc_ordered() - v->tsc_at_zero) *
				     v->ns_mult) >> 32);
		*offset = v->realtime_offset_ns;
		__asm__ volatile("" ::: "memory");
	} while ((seq & 1) || seq != v->seq);
	return 1;
}

static int clock_ns(__kernel_clockid_t id, long long *ns)
{
	long long mono, offset;

	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		if (!read_clock(&mono, &offset))
			return 0;
		*ns = mono + offset;
		return 1;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		if (!read_clock(&mono, &offset))
			return 0;
		*ns = mono;
		return 1;
	default:
		return 0;
	}
}

int __vdso_clock_gettime(__kernel_clockid_t id, struct __kernel_timespec *ts)
{
	long long ns;

	if (!clock_ns(id, &ns))
		return syscall2(__NR_clock_gettime, id, (long)ts);
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

int __vdso_gettimeofday(struct __kernel_old_timeval *tv, void *tz)
{
	long long ns;

	if (tz || !clock_ns(CLOCK_REALTIME, &ns))
		return syscall2(__NR_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		tv->tv_sec = ns / NSEC_PER_SEC;
		tv->tv_usec = ns % NSEC_PER_SEC / 1000;
	}
	return 0;
}

long __vdso_time(long *t)
{
	long long ns;
	long sec;

	if (!clock_ns(CLOCK_REALTIME, &ns))
		return syscall2(__NR_time, (long)t, 0);
	sec = ns / NSEC_PER_SEC;
	if (t)
		*t = sec;
	return sec;
}

int __vdso_clock_getres(__kernel_clockid_t id, struct __kernel_timespec *res)
{
	return syscall2(__NR_clock_getres, id, (long)res);
}

/* One CPU, one node. */
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache)
{
	(void)cache;
	if (cpu)
		*cpu = 0;
	if (node)
		*node = 0;
	return 0;
}

/* The unprefixed names Linux's vDSO also exports. */
int clock_gettime(__kernel_clockid_t, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct __kernel_old_timeval *, void *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
int clock_getres(__kernel_clockid_t, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres")));
long getcpu(unsigned int *, unsigned int *, void *) __attribute__((weak, alias("__vdso_getcpu")));
