libs-$(CONFIG_LIB_ALLOC) += $(d)
srcs-$(CONFIG_LIB_ALLOC) += $(d)/generic.c $(d)/default.c $(d)/stack.c
srcs-$(and $(CONFIG_LIB_ALLOC),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
