/* Periodic expiry arithmetic (portable: host unit tests). */
#ifndef LIB_TIMERFD_FORWARD_H
#define LIB_TIMERFD_FORWARD_H

#include <stdint.h>

/*
 * Move *expiry by whole intervals until it is after now; the number of
 * intervals moved, counting the expiry itself: 0 if *expiry is still
 * ahead, 1 if only it has passed, and so on (Linux's hrtimer_forward).
 * interval is not 0.
 */
uint64_t timer_forward(uint64_t *expiry, uint64_t interval, uint64_t now);

/* sec.nsec in nanoseconds, saturating at INT64_MAX (Linux's KTIME_MAX). */
uint64_t timer_ns(int64_t sec, int64_t nsec);
/* a + b, saturating at INT64_MAX. */
uint64_t timer_add(uint64_t a, uint64_t b);

#endif
