unit-tests += p9_msg
p9_msg-srcs := $(d)/tests/test_p9_msg.c $(d)/p9_msg.c
