libs-$(CONFIG_LIB_FMT) += $(d)
srcs-$(CONFIG_LIB_FMT) += $(d)/format.c $(d)/snprintf.c
