/* SPDX-License-Identifier: BSD-3-Clause */
/* Monotonic milliseconds, the unit of every deadline in the tool. */
#ifndef TS_CLOCK_MS_H
#define TS_CLOCK_MS_H

#include <time.h>

static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

#endif
