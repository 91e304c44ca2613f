unit-tests += runtime-spec
runtime-spec-srcs := $(d)/tests/test_spec.c $(d)/spec.c
runtime-spec-cflags := -I$(d) -D_GNU_SOURCE
runtime-spec-ldlibs := -ljansson
