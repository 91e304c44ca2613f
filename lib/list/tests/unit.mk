unit-tests += list
list-srcs := $(d)/tests/test_list.c
