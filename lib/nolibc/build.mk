libs-$(CONFIG_LIB_NOLIBC) += $(d)
# x86_64 has string instructions for the bulk copies; elsewhere, the portable C.
nolibc-mem-$(CONFIG_ARCH_X86_64) := $(d)/arch/x86_64/memcpy.c $(d)/arch/x86_64/memset.c
srcs-$(CONFIG_LIB_NOLIBC) += $(or $(nolibc-mem-y),$(d)/string/memcpy.c $(d)/string/memset.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/string/,memchr.c memcmp.c memmove.c \
	memrchr.c stpcpy.c strcasecmp.c strcat.c strchr.c strchrnul.c strcmp.c strcpy.c \
	strcspn.c strdup.c strerror.c strlen.c strncat.c strncmp.c strncpy.c strndup.c strnlen.c \
	strpbrk.c strrchr.c strspn.c strstr.c strtok_r.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/stdlib/,abs.c atoi.c bsearch.c exit.c getenv.c \
	malloc.c qsort.c strtol.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/stdio/,file.c getc.c perror.c printf.c puts.c \
	sprintf.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(d)/ctype/ctype.c $(d)/errno/errno.c $(d)/assert/assert.c
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/unistd/,read.c write.c)
