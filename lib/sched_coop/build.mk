srcs-$(CONFIG_LIB_SCHED_COOP) += $(d)/coop.c
