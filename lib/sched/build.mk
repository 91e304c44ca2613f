libs-$(CONFIG_LIB_SCHED) += $(d)
srcs-$(CONFIG_LIB_SCHED) += $(d)/thread.c $(d)/block.c $(d)/timer.c $(d)/waitq.c
