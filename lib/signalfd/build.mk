libs-$(CONFIG_LIB_SIGNALFD) += $(d)
srcs-$(CONFIG_LIB_SIGNALFD) += $(d)/signalfd.c
