unit-tests += virtqueue
virtqueue-srcs := $(d)/tests/test_virtqueue.c $(d)/virtqueue.c
virtqueue-cflags := -I$(d)/include -Iarch/x86_64/include
