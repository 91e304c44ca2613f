libs-y += $(d)
srcs-y += $(addprefix $(d)/,cpu.c gdt.c trap.c trap_entry.S crash.c backtrace.c paging.c \
	paging_init.c stacks.c context.c context_switch.S uaccess.c uaccess_copy.S user_state.c)
srcs-$(CONFIG_LIB_SYSCALL) += $(d)/syscall.c $(d)/syscall_entry.S $(d)/enter_program.S
