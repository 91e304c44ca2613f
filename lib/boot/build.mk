libs-$(CONFIG_LIB_BOOT) += $(d)
srcs-$(CONFIG_LIB_BOOT) += $(d)/boot.c $(d)/params.c $(d)/exit.c
