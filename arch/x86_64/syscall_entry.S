/*
 * The syscall instruction, executed at ring 0 by the application (or by code
 * linked into the image).  The CPU leaves the return address in %rcx and the
 * flags in %r11, loads RIP from LSTAR and clears IF (SFMASK); the stack is
 * still the caller's, whose red zone we must not touch.
 *
 * We switch to the current thread's kernel stack, save the caller's
 * registers as a struct trap_frame (vector -1; the error-code slot keeps the
 * original %rax for restarts), enable interrupts and call syscall_dispatch().
 * Return: restore the registers, then the flags with popfq and jump back on
 * the caller's stack (no SYSRET, which would drop to ring 3).  Only %rax
 * (the result), %rcx and %r11 differ from the caller's values, as on Linux.
 * The interrupt flag comes back last, with sti, whose one-instruction shadow
 * covers the jump: no interrupt finds RIP still here with the caller's
 * stack, so every interrupt of application code sees its true registers.
 * After rt_sigreturn the frame is a whole context (any register may matter),
 * so it leaves through the trap return, iretq.
 */
#include <tessera/arch/segments.h>

	.section .text.syscall_entry, "ax"
	.globl syscall_entry
syscall_entry:
	movq %rsp, syscall_caller_rsp(%rip)
	movq syscall_kernel_stack(%rip), %rsp
	pushq $GDT_KERNEL_DATA		/* ss */
	pushq syscall_caller_rsp(%rip)	/* rsp */
	pushq %r11			/* rflags */
	pushq $GDT_KERNEL_CODE		/* cs */
	pushq %rcx			/* rip */
	pushq %rax			/* error code slot: the original %rax */
	pushq $-1			/* vector: a syscall */
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, %rdi
	pushq %rcx			/* frame-pointer link to the caller, for backtraces */
	pushq %rbp
	movq %rsp, %rbp
	sti
	call syscall_dispatch
	cli
	addq $16, %rsp
	testq %rax, %rax
	jnz trap_return_from_frame
/* With %rsp at a struct trap_frame, interrupts off: back to the caller it describes. */
syscall_return_from_frame:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp			/* vector, error code */
	movq 0(%rsp), %rcx		/* rip */
	movq 24(%rsp), %r11		/* the caller's rsp */
	btrq $9, 16(%rsp)		/* IF: restored by sti below, if it was set */
	jnc 1f
	addq $16, %rsp			/* to rflags */
	popfq
	movq %r11, %rsp
	sti
	jmp *%rcx
1:	addq $16, %rsp
	popfq
	movq %r11, %rsp
	jmp *%rcx

/* void arch_return_to_user(struct trap_frame *tf): a new thread's first return (fork, clone). */
	.globl arch_return_to_user
arch_return_to_user:
	cli
	movq %rdi, %rsp
	jmp syscall_return_from_frame

	.section .note.GNU-stack, "", @progbits
