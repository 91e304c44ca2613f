unit-tests += alloc_buddy
alloc_buddy-srcs := $(d)/tests/test_buddy.c $(d)/buddy.c lib/alloc/generic.c \
	lib/alloc/tests/alloc_conformance.c
alloc_buddy-cflags := -Ilib/alloc/tests
