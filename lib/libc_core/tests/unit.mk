# The string and ctype functions against the host libc.  libc_names.h renames the
# functions under test (memcpy -> libc_memcpy, ...) so that they link beside
# the host's; see there.
libc-test-cflags := -include $(d)/tests/libc_names.h

unit-tests += libc_string
libc_string-srcs := $(d)/tests/test_string.c $(wildcard $(d)/string/*.c) $(d)/ctype/ctype.c \
	lib/nolibc/string/strdup.c lib/nolibc/string/strndup.c \
	lib/fmt/format.c lib/fmt/snprintf.c
libc_string-cflags := $(libc-test-cflags)

unit-tests += libc_ctype
libc_ctype-srcs := $(d)/tests/test_ctype.c $(d)/ctype/ctype.c
libc_ctype-cflags := $(libc-test-cflags)
