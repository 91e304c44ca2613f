srcs-$(CONFIG_DRV_DEBUGCON) += $(d)/debugcon.c
