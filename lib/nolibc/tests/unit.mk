# nolibc's portable parts against the host libc.  nolibc_names.h renames the
# functions under test (memcpy -> nolibc_memcpy, ...) so that they link beside
# the host's; see there.  stdio, exit and malloc need the kernel: not here.
nolibc-test-cflags := -include $(d)/tests/nolibc_names.h

unit-tests += nolibc_string
nolibc_string-srcs := $(d)/tests/test_string.c $(wildcard $(d)/string/*.c) $(d)/ctype/ctype.c \
	lib/fmt/format.c lib/fmt/snprintf.c
nolibc_string-cflags := $(nolibc-test-cflags)

unit-tests += nolibc_ctype
nolibc_ctype-srcs := $(d)/tests/test_ctype.c $(d)/ctype/ctype.c
nolibc_ctype-cflags := $(nolibc-test-cflags)

unit-tests += nolibc_stdlib
nolibc_stdlib-srcs := $(d)/tests/test_stdlib.c $(addprefix $(d)/stdlib/,abs.c atoi.c bsearch.c \
	getenv.c qsort.c strtol.c) $(d)/ctype/ctype.c $(addprefix $(d)/string/,strlen.c strncmp.c)
nolibc_stdlib-cflags := $(nolibc-test-cflags)
