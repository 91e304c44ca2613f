unit-tests += futex_queue futex_wake_op futex_robust
futex_queue-srcs := $(d)/tests/test_queue.c $(d)/queue.c
futex_wake_op-srcs := $(d)/tests/test_wake_op.c $(d)/wake_op.c
futex_robust-srcs := $(d)/tests/test_robust.c $(d)/robust.c
