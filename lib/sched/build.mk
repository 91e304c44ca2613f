libs-$(CONFIG_LIB_SCHED) += $(d)
srcs-$(CONFIG_LIB_SCHED) += $(addprefix $(d)/,thread.c schedule.c block.c timer.c waitq.c)
srcs-$(and $(CONFIG_LIB_SCHED),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
