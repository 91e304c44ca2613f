libs-$(CONFIG_LIB_DEVFS) += $(d)
srcs-$(CONFIG_LIB_DEVFS) += $(addprefix $(d)/,devfs.c tty.c console_input.c stdio.c)
