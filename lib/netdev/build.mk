libs-$(CONFIG_LIB_NETDEV) += $(d)
srcs-$(CONFIG_LIB_NETDEV) += $(d)/netdev.c
