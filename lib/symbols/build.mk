libs-$(CONFIG_LIB_SYMBOLS) += $(d)
srcs-$(CONFIG_LIB_SYMBOLS) += $(d)/symbols.c
