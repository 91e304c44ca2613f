libs-$(CONFIG_LIB_EPOLL) += $(d)
srcs-$(CONFIG_LIB_EPOLL) += $(addprefix $(d)/,table.c instance.c ctl.c wait.c)
