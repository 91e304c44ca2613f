libs-$(CONFIG_LIB_CONSOLE) += $(d)
srcs-$(CONFIG_LIB_CONSOLE) += $(d)/console.c
