/*
 * Syscall entry set-up (MSRs) and the step from the saved registers to the
 * generic dispatcher.  Arguments follow the Linux x86_64 convention:
 * number in %rax, arguments in %rdi, %rsi, %rdx, %r10, %r8, %r9.
 */
#include <tessera/arch/cpu.h>
#include <tessera/arch/segments.h>
#include <tessera/arch/syscall.h>
#include <tessera/arch/trap.h>
#include <tessera/syscall.h>

#define MSR_STAR   0xc0000081
#define MSR_LSTAR  0xc0000082
#define MSR_SFMASK 0xc0000084
#define EFER_SCE   (1UL << 0)
/* Cleared on entry: TF, DF, IF, IOPL, NT, AC (as Linux). */
#define SYSCALL_FLAGS_CLEARED 0x47700

void syscall_entry(void);

/* Read by syscall_entry.S; one CPU for now (per-CPU data comes with SMP). */
uintptr_t syscall_caller_rsp;

void arch_syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, (uint64_t)GDT_KERNEL_CODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_SFMASK, SYSCALL_FLAGS_CLEARED);
}

/* Nonzero: return through iretq (the frame is a context rt_sigreturn restored). */
long syscall_dispatch(struct trap_frame *tf)
{
	tf->rax = syscall_invoke(tf->rax, tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9);
	if (trap_return_to_user)
		trap_return_to_user(tf);
	return tf->vector == TRAP_VECTOR_RESTORED;
}
