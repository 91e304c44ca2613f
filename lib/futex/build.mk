libs-$(CONFIG_LIB_FUTEX) += $(d)
srcs-$(CONFIG_LIB_FUTEX) += $(addprefix $(d)/,queue.c wake_op.c futex.c waitv.c robust.c)
