/*
 * A timer that sends a signal when it expires, on the monotonic clock or
 * on CPU time (the process's, or one thread's): what alarm, setitimer and
 * timer_create share.  CPU-time timers are kernel timers set for the
 * earliest the CPU time could get there (CPU time never runs faster than
 * the clock), checked and re-armed until it has.  Each timer brings its own
 * queue entry: expiring again while its signal is still pending counts an
 * overrun instead of queueing another.
 */
#ifndef LIB_SIGNAL_TIMER_H
#define LIB_SIGNAL_TIMER_H

#include "signal_internal.h"

enum signal_timer_clock {
	SIGNAL_TIMER_MONOTONIC,
	SIGNAL_TIMER_PROCESS_CPU,
	SIGNAL_TIMER_THREAD_CPU,
};

struct signal_timer {
	struct sched_timer timer;
	enum signal_timer_clock clock;
	struct signal_process *process;
	struct signal_thread *thread; /* the thread its signal is for, or NULL: the process */
	struct thread *cpu_thread;    /* SIGNAL_TIMER_THREAD_CPU: whose time it counts */
	bool notify;                  /* false: SIGEV_NONE */
	uint64_t expires;             /* on its clock; 0: disarmed */
	uint64_t interval;
	struct sigqueue entry;        /* its signal's information */
};

void signal_timer_init(struct signal_timer *t, struct signal_process *p,
		       enum signal_timer_clock clock);
/* The timer's clock now. */
uint64_t signal_timer_now(const struct signal_timer *t);
/* Arm for expires (its clock; 0 disarms) and then every interval ns (0: once). */
void signal_timer_set(struct signal_timer *t, uint64_t expires, uint64_t interval);
/* Nanoseconds until it expires (0: disarmed; at least 1 if armed). */
uint64_t signal_timer_left(const struct signal_timer *t);
/* Disarm, and take its pending signal back. */
void signal_timer_stop(struct signal_timer *t);

#endif
