libs-$(CONFIG_LIB_RAMFS) += $(d)
srcs-$(CONFIG_LIB_RAMFS) += $(d)/super.c $(d)/dir.c $(d)/file.c $(d)/memfd.c
