libs-$(CONFIG_LIB_LIBC_CORE) += $(d)
# x86_64 has string instructions for the bulk copies; elsewhere, the portable C.
libc-mem-$(CONFIG_ARCH_X86_64) := $(d)/arch/x86_64/memcpy.c $(d)/arch/x86_64/memset.c
srcs-$(CONFIG_LIB_LIBC_CORE) += $(or $(libc-mem-y),$(d)/string/memcpy.c $(d)/string/memset.c)
srcs-$(CONFIG_LIB_LIBC_CORE) += $(addprefix $(d)/string/,memchr.c memcmp.c memmove.c \
	memrchr.c stpcpy.c strcasecmp.c strcat.c strchr.c strchrnul.c strcmp.c strcpy.c \
	strcspn.c strerror.c strlen.c strncat.c strncmp.c strncpy.c strnlen.c \
	strpbrk.c strrchr.c strspn.c strstr.c strtok_r.c)
srcs-$(CONFIG_LIB_LIBC_CORE) += $(d)/ctype/ctype.c
