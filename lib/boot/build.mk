libs-$(CONFIG_LIB_BOOT) += $(d)
srcs-$(CONFIG_LIB_BOOT) += $(d)/boot.c $(d)/params.c $(d)/exit.c
srcs-$(and $(CONFIG_LIB_BOOT),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
