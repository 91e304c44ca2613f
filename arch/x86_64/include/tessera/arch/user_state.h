/*
 * What a thread running application code owns beyond its kernel context:
 * the extended (x87/SSE/AVX) registers and the FS/GS bases the application
 * set, which the kernel itself never uses and so saves only when switching
 * threads, and the kernel stack its syscalls run on.
 */
#ifndef TESSERA_ARCH_USER_STATE_H
#define TESSERA_ARCH_USER_STATE_H

#include <stdbool.h>
#include <stddef.h>
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

/*
 * The running thread's extended registers as a signal frame holds them:
 * arch_fpu_size() bytes in XSAVE layout (FXSAVE without XSAVE), 64-byte
 * aligned, with the components of arch_fpu_features() (0 without XSAVE).
 * arch_fpu_restore loads an image the program may have changed: false,
 * loading nothing, when the CPU would refuse it.  arch_fpu_reset: the clean
 * state a signal handler starts with.
 */
size_t arch_fpu_size(void);
uint64_t arch_fpu_features(void);
void arch_fpu_save(void *area);
bool arch_fpu_restore(const void *area);
void arch_fpu_reset(void);

#endif
