/*
 * CLOCK_REALTIME: an offset from the monotonic clock, set from the command
 * line (realtime=, which `tessera run` passes), else from the platform's
 * real-time clock at boot.
 */
#include <errno.h>
#include <tessera/boot.h>
#include <tessera/cmdline.h>
#include <tessera/plat/time.h>
#include <tessera/realtime.h>
#include <tessera/waitq.h>
#include "time_internal.h"

static struct waitq set_waiters = WAITQ_INIT(set_waiters);
static bool given; /* realtime= was on the command line */

uint64_t realtime_ns(void)
{
	return vvar_realtime_offset() + plat_clock_ns();
}

uint64_t realtime_to_monotonic(uint64_t ns)
{
	int64_t monotonic = (int64_t)ns - vvar_realtime_offset();

	return monotonic > 0 ? monotonic : 0;
}

void realtime_set(uint64_t ns)
{
	vvar_set_realtime_offset(ns - plat_clock_ns());
	waitq_wake_all(&set_waiters);
}

struct waitq *realtime_set_waitq(void)
{
	return &set_waiters;
}

/* realtime=SECONDS[.FRACTION]: parsed by hand, before any clock is read. */
static int set_realtime(const char *value)
{
	uint64_t sec, nsec = 0, scale = NSEC_PER_SEC;
	const char *p;

	if (!value || cmdline_number(value, 10, &p, &sec))
		return -EINVAL;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9' && scale > 1; p++) {
			scale /= 10;
			nsec += (*p - '0') * scale;
		}
	}
	if (*p)
		return -EINVAL;
	/* The monotonic clock is near 0 this early: an offset from boot is exact enough. */
	vvar_set_realtime_offset(sec * NSEC_PER_SEC + nsec);
	given = true;
	return 0;
}
KERNEL_PARAM("realtime", set_realtime, "wall-clock time at boot, in seconds since the epoch");

static int realtime_from_platform(void)
{
	uint64_t sec;

	if (!given && plat_wall_clock(&sec))
		realtime_set(sec * NSEC_PER_SEC);
	return 0;
}
INITCALL(realtime_from_platform, INIT_LIB);
