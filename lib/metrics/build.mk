libs-$(CONFIG_LIB_METRICS) += $(d)
srcs-$(CONFIG_LIB_METRICS) += $(d)/exposition.c $(d)/registry.c
srcs-$(CONFIG_METRICS_HTTP) += $(d)/http.c
