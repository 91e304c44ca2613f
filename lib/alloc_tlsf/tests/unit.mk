unit-tests += alloc_tlsf
alloc_tlsf-srcs := $(d)/tests/test_tlsf.c $(d)/tlsf.c lib/alloc/generic.c \
	lib/alloc/tests/alloc_conformance.c
alloc_tlsf-cflags := -Ilib/alloc/tests
