libs-$(CONFIG_LIB_METRICS) += $(d)
srcs-$(CONFIG_LIB_METRICS) += $(d)/exposition.c $(d)/registry.c
