unit-tests += metrics
metrics-srcs := $(d)/tests/test_exposition.c $(d)/exposition.c lib/fmt/format.c lib/fmt/snprintf.c
metrics-cflags := -DCONFIG_LIB_METRICS=1
