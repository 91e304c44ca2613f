libs-$(CONFIG_LIB_TIME) += $(d)
srcs-$(CONFIG_LIB_TIME) += $(d)/realtime.c $(d)/clock.c $(d)/vvar.c $(d)/timespec.c
srcs-$(and $(CONFIG_LIB_TIME),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
