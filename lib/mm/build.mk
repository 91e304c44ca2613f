libs-$(CONFIG_LIB_MM) += $(d)
srcs-$(CONFIG_LIB_MM) += $(addprefix $(d)/,vma.c pages.c mmap.c remap.c advice.c lock.c brk.c maps.c fork.c)
