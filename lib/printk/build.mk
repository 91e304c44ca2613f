libs-$(CONFIG_LIB_PRINTK) += $(d)
srcs-$(CONFIG_LIB_PRINTK) += $(d)/printk.c $(d)/panic.c
