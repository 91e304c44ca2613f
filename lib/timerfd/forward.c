/* Periodic expiry arithmetic; see forward.h. */
#include "forward.h"

#define TIME_MAX ((uint64_t)INT64_MAX)
#define NS_PER_SEC 1000000000ULL

uint64_t timer_forward(uint64_t *expiry, uint64_t interval, uint64_t now)
{
	uint64_t overruns;

	if (now < *expiry)
		return 0;
	overruns = (now - *expiry) / interval + 1;
	*expiry = timer_add(*expiry, overruns * interval);
	return overruns;
}

uint64_t timer_ns(int64_t sec, int64_t nsec)
{
	if ((uint64_t)sec >= TIME_MAX / NS_PER_SEC)
		return TIME_MAX;
	return (uint64_t)sec * NS_PER_SEC + (uint64_t)nsec;
}

uint64_t timer_add(uint64_t a, uint64_t b)
{
	return b > TIME_MAX || a > TIME_MAX - b ? TIME_MAX : a + b;
}
