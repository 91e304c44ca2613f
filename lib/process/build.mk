libs-$(CONFIG_LIB_PROCESS) += $(d)
srcs-$(CONFIG_LIB_PROCESS) += $(addprefix $(d)/,elf.c exec.c ioprio.c image_note.c linked.c layout.c env.c ids.c system.c \
	limits.c misc.c pidfd.c priority.c caps.c personality.c membarrier.c wait.c proc.c task.c clone.c sched.c kill.c)
