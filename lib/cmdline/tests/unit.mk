unit-tests += cmdline
cmdline-srcs := $(d)/tests/test_cmdline.c $(d)/cmdline.c $(d)/number.c
