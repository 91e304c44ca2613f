/* struct timespec from the application, and deadlines that cannot overflow. */
#include <errno.h>
#include <tessera/compiler.h>
#include <tessera/plat/time.h>
#include <tessera/timespec.h>
#include <tessera/uaccess.h>

int timespec_from_user(const struct __kernel_timespec *user, uint64_t *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, user, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts.tv_sec >= TIME_FAR_FUTURE_NS / NSEC_PER_SEC)
		*ns = TIME_FAR_FUTURE_NS;
	else
		*ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

uint64_t deadline_after_ns(uint64_t ns)
{
	return MIN(plat_clock_ns() + MIN(ns, TIME_FAR_FUTURE_NS), TIME_FAR_FUTURE_NS);
}
