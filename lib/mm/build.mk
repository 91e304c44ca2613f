libs-$(CONFIG_LIB_MM) += $(d)
srcs-$(CONFIG_LIB_MM) += $(addprefix $(d)/,vma.c pages.c mmap.c remap.c advice.c lock.c brk.c maps.c fork.c)
srcs-$(and $(CONFIG_LIB_MM),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
