libs-$(CONFIG_LIB_ALLOC) += $(d)
srcs-$(CONFIG_LIB_ALLOC) += $(d)/generic.c $(d)/default.c $(d)/stack.c
