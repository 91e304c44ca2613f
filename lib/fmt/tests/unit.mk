unit-tests += fmt
fmt-srcs := $(d)/tests/test_fmt.c $(d)/format.c $(d)/snprintf.c
