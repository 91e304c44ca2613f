unit-tests += socket_msg socket_options
socket_msg-srcs := $(d)/tests/test_msg.c $(d)/msg.c
socket_msg-cflags := -I$(d)
socket_options-srcs := $(d)/tests/test_options.c $(d)/options.c
socket_options-cflags := -I$(d)
