/* The syscall instruction's entry: set up once, then told each thread's kernel stack. */
#ifndef TESSERA_ARCH_SYSCALL_H
#define TESSERA_ARCH_SYSCALL_H

#include <stdint.h>

void arch_syscall_init(void);
/* Syscalls switch to this stack: the running thread's kernel stack top. */
void arch_syscall_set_kernel_stack(uintptr_t top);

/* Jump to a program's entry with its initial stack (argc, argv, envp, auxv at sp). */
__attribute__((noreturn)) void arch_enter_program(uintptr_t entry, uintptr_t sp);

struct trap_frame;
/* Resume application code as the syscall frame tf says (a new thread's start after fork or clone). */
__attribute__((noreturn)) void arch_return_to_user(struct trap_frame *tf);

/* Thread-local storage registers of the running thread (arch_prctl). */
void arch_set_fs_base(uintptr_t base);
uintptr_t arch_get_fs_base(void);
void arch_set_gs_base(uintptr_t base);
uintptr_t arch_get_gs_base(void);

#endif
