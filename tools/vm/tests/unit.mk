unit-tests += vm
vm-srcs := $(d)/tests/test_vm.c $(d)/cmdline.c $(d)/memory.c $(d)/qemu.c $(d)/status.c $(d)/volume.c $(d)/network.c $(d)/host_tsc.c $(d)/cache.c \
	lib/cmdline/cmdline.c
vm-cflags := -I$(d) -D_GNU_SOURCE
