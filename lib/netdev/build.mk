libs-$(CONFIG_LIB_NETDEV) += $(d)
srcs-$(CONFIG_LIB_NETDEV) += $(d)/netdev.c
srcs-$(and $(CONFIG_LIB_NETDEV),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
