unit-tests += virtio_mmio_window
virtio_mmio_window-srcs := $(d)/tests/test_window.c $(d)/window.c lib/cmdline/number.c
virtio_mmio_window-cflags := -I$(d)
