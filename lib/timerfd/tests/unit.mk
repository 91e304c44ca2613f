unit-tests += timerfd_forward
timerfd_forward-srcs := $(d)/tests/test_forward.c $(d)/forward.c
timerfd_forward-cflags := -I$(d)
