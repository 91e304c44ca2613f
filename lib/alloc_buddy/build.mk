libs-$(CONFIG_LIB_ALLOC_BUDDY) += $(d)
srcs-$(CONFIG_LIB_ALLOC_BUDDY) += $(d)/buddy.c
