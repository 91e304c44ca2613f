// SPDX-License-Identifier: MIT
/*
 * Timers that send signals: alarm (the seconds left of the previous one),
 * setitimer/getitimer (ITIMER_REAL firing SIGALRM, periodic, disarming,
 * the old value, ITIMER_PROF on CPU time, bad arguments), POSIX timers
 * (timer_create with SIGEV_SIGNAL, SIGEV_THREAD_ID and SIGEV_NONE, the
 * default event, relative and absolute settings, gettime, overruns while
 * the signal is blocked, delete, bad ids and clocks).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

#ifdef sigev_notify_thread_id
#define THREAD_ID sigev_notify_thread_id
#else
#define THREAD_ID _sigev_un._tid
#endif

static volatile int alarms, last_code, last_value, max_overrun;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	alarms++;
	last_code = si->si_code;
	last_value = si->si_value.sival_int;
	max_overrun = si->si_overrun > max_overrun ? si->si_overrun : max_overrun;
}

static void wait_alarms(int n)
{
	for (int i = 0; i < 500 && alarms < n; i++)
		usleep(10000);
}

static void alarm_and_itimers(void)
{
	struct itimerval v = {0}, old;
	volatile unsigned long spin = 0;

	check_int("alarm: none before", alarm(100), 0);
	check_int("alarm: the previous one's seconds", alarm(0), 100);
	alarm(1);
	wait_alarms(1);
	check_true("alarm fired SIGALRM", alarms == 1 && last_code == SI_KERNEL);

	v.it_value.tv_usec = 20000;
	v.it_interval.tv_usec = 20000;
	check_ok("setitimer periodic", setitimer(ITIMER_REAL, &v, NULL));
	wait_alarms(4);
	check_true("periodic ITIMER_REAL fires again", alarms >= 4);
	check_ok("getitimer", getitimer(ITIMER_REAL, &old));
	check_true("getitimer: the interval", old.it_interval.tv_sec == 0 &&
						    old.it_interval.tv_usec == 20000);
	memset(&v, 0, sizeof(v));
	check_ok("setitimer disarm", setitimer(ITIMER_REAL, &v, &old));
	check_true("setitimer returns the old interval", old.it_interval.tv_usec == 20000);
	check_ok("getitimer disarmed", getitimer(ITIMER_REAL, &old));
	check_true("disarmed reads 0", !old.it_value.tv_sec && !old.it_value.tv_usec);

	v.it_value.tv_sec = 50;
	setitimer(ITIMER_REAL, &v, NULL);
	getitimer(ITIMER_REAL, &old);
	check_true("getitimer counts down", old.it_value.tv_sec <= 50 && old.it_value.tv_sec >= 40);
	memset(&v, 0, sizeof(v));
	setitimer(ITIMER_REAL, &v, NULL);

	alarms = 0;
	v.it_value.tv_usec = 10000;
	check_ok("setitimer ITIMER_PROF", setitimer(ITIMER_PROF, &v, NULL));
	for (int i = 0; i < 2000000000 && !alarms; i++)
		spin++;
	check_true("ITIMER_PROF fires on CPU time", alarms == 1);

	v.it_value.tv_usec = 1000000;
	check_errno("setitimer bad usec", setitimer(ITIMER_REAL, &v, NULL), EINVAL);
	check_errno("setitimer bad which", setitimer(7, &v, NULL), EINVAL);
	check_errno("getitimer bad which", getitimer(7, &old), EINVAL);
}

static void posix_timers(void)
{
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
	struct itimerspec its = {0}, old;
	struct timespec now;
	sigset_t set;
	timer_t t, none;
	int id;

	ev.sigev_value.sival_int = 77;
	check_ok("timer_create", timer_create(CLOCK_MONOTONIC, &ev, &t));
	alarms = 0;
	its.it_value.tv_nsec = 10000000;
	check_ok("timer_settime", timer_settime(t, 0, &its, NULL));
	wait_alarms(1);
	check_true("timer fired: SI_TIMER with its value",
		   alarms == 1 && last_code == SI_TIMER && last_value == 77);
	clock_gettime(CLOCK_MONOTONIC, &now);
	its.it_value = now;
	its.it_value.tv_nsec = (its.it_value.tv_nsec + 20000000) % 1000000000;
	its.it_value.tv_sec += now.tv_nsec >= 980000000;
	check_ok("timer_settime absolute", timer_settime(t, TIMER_ABSTIME, &its, NULL));
	wait_alarms(2);
	check_int("absolute timer fired", alarms, 2);

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 5000000;
	its.it_interval.tv_nsec = 5000000;
	timer_settime(t, 0, &its, NULL);
	usleep(100000);
	check_int("blocked: overruns count from the last delivery", timer_getoverrun(t), 0);
	check_ok("timer_gettime", timer_gettime(t, &old));
	check_true("timer_gettime: the interval", old.it_interval.tv_nsec == 5000000 &&
						     old.it_value.tv_sec == 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check_true("one signal for many expiries, with the overruns", alarms >= 3 && max_overrun >= 3);
	memset(&its, 0, sizeof(its));
	check_ok("timer disarm", timer_settime(t, 0, &its, &old));
	check_true("disarm returns the old setting", old.it_interval.tv_nsec == 5000000);
	check_ok("timer_delete", timer_delete(t));

	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.THREAD_ID = (int)syscall(SYS_gettid);
	check_ok("timer_create SIGEV_THREAD_ID", timer_create(CLOCK_REALTIME, &ev, &t));
	its.it_value.tv_nsec = 10000000;
	timer_settime(t, 0, &its, NULL);
	alarms = 0;
	wait_alarms(1);
	check_int("SIGEV_THREAD_ID timer fired", alarms, 1);
	timer_delete(t);
	ev.THREAD_ID = 999999;
	check_errno("SIGEV_THREAD_ID of no thread", timer_create(CLOCK_REALTIME, &ev, &none), EINVAL);

	ev.sigev_notify = SIGEV_NONE;
	check_ok("timer_create SIGEV_NONE", timer_create(CLOCK_MONOTONIC, &ev, &t));
	its.it_value.tv_sec = 30;
	timer_settime(t, 0, &its, NULL);
	timer_gettime(t, &old);
	check_true("SIGEV_NONE timer runs", old.it_value.tv_sec >= 20 && old.it_value.tv_sec <= 30);
	timer_delete(t);

	check_ok("timer_create default event", syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id));
	check_ok("delete it", syscall(SYS_timer_delete, id));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 65;
	check_errno("timer_create bad signal", timer_create(CLOCK_MONOTONIC, &ev, &none), EINVAL);
	ev.sigev_signo = SIGRTMIN;
	check_errno("timer_create bad clock", timer_create(42, &ev, &none), EINVAL);
	check_errno("timer_settime bad id", syscall(SYS_timer_settime, 4242, 0, &its, NULL), EINVAL);
	check_errno("timer_gettime bad id", syscall(SYS_timer_gettime, 4242, &old), EINVAL);
	check_errno("timer_getoverrun bad id", syscall(SYS_timer_getoverrun, 4242), EINVAL);
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | SA_RESTART};

	abi_begin("sigtimers");
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGPROF, &sa, NULL);
	sigaction(SIGRTMIN, &sa, NULL);
	alarm_and_itimers();
	posix_timers();
	return abi_end();
}
