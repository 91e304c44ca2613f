libs-$(CONFIG_LIB_SOCKET) += $(d)
srcs-$(CONFIG_LIB_SOCKET) += $(addprefix $(d)/,socket.c msg.c options.c syscalls.c unix.c \
	unix_names.c)
