libs-$(CONFIG_LIB_TIMERFD) += $(d)
srcs-$(CONFIG_LIB_TIMERFD) += $(d)/timerfd.c $(d)/forward.c
