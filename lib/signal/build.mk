libs-$(CONFIG_LIB_SIGNAL) += $(d)
srcs-$(CONFIG_LIB_SIGNAL) += $(d)/state.c
