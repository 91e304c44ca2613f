libs-$(CONFIG_LIB_NOLIBC) += $(d)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/string/,memchr.c memcmp.c memcpy.c memmove.c \
	memrchr.c memset.c stpcpy.c strcasecmp.c strcat.c strchr.c strchrnul.c strcmp.c strcpy.c \
	strcspn.c strdup.c strerror.c strlen.c strncat.c strncmp.c strncpy.c strndup.c strnlen.c \
	strpbrk.c strrchr.c strspn.c strstr.c strtok_r.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/stdlib/,abs.c atoi.c bsearch.c exit.c getenv.c \
	malloc.c qsort.c strtol.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/stdio/,file.c getc.c perror.c printf.c puts.c \
	sprintf.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(d)/ctype/ctype.c $(d)/errno/errno.c $(d)/assert/assert.c
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/unistd/,read.c write.c)
