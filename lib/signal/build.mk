libs-$(CONFIG_LIB_SIGNAL) += $(d)
srcs-$(CONFIG_LIB_SIGNAL) += $(d)/action.c $(d)/thread.c $(d)/pending.c $(d)/deliver.c \
	$(d)/frame.c $(d)/wait.c $(d)/fault.c $(d)/signal_timer.c $(d)/itimer.c $(d)/posix_timer.c
