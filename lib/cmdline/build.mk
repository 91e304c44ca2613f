libs-$(CONFIG_LIB_CMDLINE) += $(d)
srcs-$(CONFIG_LIB_CMDLINE) += $(d)/cmdline.c $(d)/number.c
