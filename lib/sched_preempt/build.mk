srcs-$(CONFIG_LIB_SCHED_PREEMPT) += $(d)/preempt.c
