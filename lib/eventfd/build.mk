libs-$(CONFIG_LIB_EVENTFD) += $(d)
srcs-$(CONFIG_LIB_EVENTFD) += $(d)/eventfd.c
