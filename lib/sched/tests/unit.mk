unit-tests += sched_waitq sched_timer
sched_waitq-srcs := $(d)/tests/test_waitq.c $(d)/waitq.c
sched_timer-srcs := $(d)/tests/test_timer.c
