libs-$(CONFIG_LIB_NOLIBC) += $(d)
srcs-$(CONFIG_LIB_NOLIBC) += $(d)/string/strdup.c $(d)/string/strndup.c
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/stdlib/,abs.c atoi.c bsearch.c exit.c getenv.c \
	malloc.c qsort.c strtol.c start.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/stdio/,file.c getc.c perror.c printf.c puts.c \
	sprintf.c)
srcs-$(CONFIG_LIB_NOLIBC) += $(d)/errno/errno.c $(d)/assert/assert.c
srcs-$(CONFIG_LIB_NOLIBC) += $(addprefix $(d)/unistd/,read.c write.c)
