/*
 * What a thread running application code owns beyond its kernel context:
 * the extended (x87/SSE/AVX) registers and the FS/GS bases the application
 * set, which the kernel itself never uses and so saves only when switching
 * threads, and the kernel stack its syscalls run on.
 */
#ifndef TESSERA_ARCH_USER_STATE_H
#define TESSERA_ARCH_USER_STATE_H

#include <stdint.h>

struct arch_user_state {
	uintptr_t fs_base, gs_base;
	uintptr_t kernel_stack_top; /* the thread's own stack: set by the scheduler */
	void *fpu;                  /* XSAVE area, 64-byte aligned */
};

/* A fresh state: clean registers (as after exec), zero bases. */
struct arch_user_state *arch_user_state_new(void);
void arch_user_state_free(struct arch_user_state *u);
/* The current thread's registers and bases (fork, clone). */
struct arch_user_state *arch_user_state_copy_current(void);

/*
 * The application's registers as the running thread entered the kernel: its
 * current syscall's frame, or its interrupt's or exception's (both at the
 * top of its kernel stack).
 */
struct trap_frame *arch_syscall_frame(void);
/* Called by the scheduler on every switch; either may be NULL (a kernel thread). */
void arch_user_state_switch(struct arch_user_state *prev, struct arch_user_state *next);
/* Registers back to their state at program start (execve). */
void arch_user_state_reset(void);

#endif
