libs-$(CONFIG_LIB_INITRD) += $(d)
srcs-$(CONFIG_LIB_INITRD) += $(d)/cpio.c
