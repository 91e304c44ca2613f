srcs-$(CONFIG_LIB_PROCFS) += $(addprefix $(d)/,tree.c buf.c root.c pid.c fd.c mounts.c meminfo.c \
	cpuinfo.c system.c sys.c)
