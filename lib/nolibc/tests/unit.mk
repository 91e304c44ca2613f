# nolibc's portable parts against the host libc (renamed beside the host's by
# libc_core's libc_names.h).  stdio, exit and malloc need the kernel: not here.
unit-tests += nolibc_stdlib
nolibc_stdlib-srcs := $(d)/tests/test_stdlib.c $(addprefix $(d)/stdlib/,abs.c atoi.c bsearch.c \
	getenv.c qsort.c strtol.c) lib/libc_core/ctype/ctype.c \
	$(addprefix lib/libc_core/string/,strlen.c strncmp.c)
nolibc_stdlib-cflags := -include lib/libc_core/tests/libc_names.h
