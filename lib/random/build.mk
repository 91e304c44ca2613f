libs-$(CONFIG_LIB_RANDOM) += $(d)
srcs-$(CONFIG_LIB_RANDOM) += $(d)/random.c $(d)/chacha20.c
