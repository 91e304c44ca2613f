unit-tests += epoll_table
epoll_table-srcs := $(d)/tests/test_table.c $(d)/table.c
epoll_table-cflags := -I$(d)
