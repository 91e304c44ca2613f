libs-$(CONFIG_LIB_ALLOC_TLSF) += $(d)
srcs-$(CONFIG_LIB_ALLOC_TLSF) += $(d)/tlsf.c
