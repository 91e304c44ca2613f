/*
 * Trap entry.
 *
 * Applications run in ring 0 and use the 128-byte red zone below %rsp, which
 * an interrupt frame pushed on their stack would destroy.  So every vector
 * enters on the IST_ENTRY stack, and trap_move_off_ist copies the frame away
 * before anything else runs:
 *  - from program code (a stack in the lower half), to the top of the
 *    thread's kernel stack, where its syscalls put their frame: the
 *    program's stack may be small (a goroutine's) and is never written, a
 *    handler that sleeps (a page read from a 9p file) sleeps there, and the
 *    frame is where arch_syscall_frame() finds it, for preemption and
 *    signal delivery (trap_return_to_user);
 *  - from kernel code, to the interrupted stack, below its red zone.
 * Handlers therefore run on the interrupted thread's stack, may nest, and a
 * scheduler may switch threads from them.  If the interrupted kernel stack is
 * about to overflow (within TRAP_STACK_MARGIN of trap_stack_bottom), the
 * handler stays on the IST stack so that the overflow can be reported.
 *
 * The double fault, NMI and machine check vectors have IST stacks of their
 * own and stay there.
 */
#include <tessera/arch/layout.h>

#define TRAP_STACK_MARGIN 1024
#define RED_ZONE 128

	.section .text.trap_entry, "ax"

/* vector n pushes a zero error code when the CPU does not push one. */
.macro vector_stub n
	.p2align 4
vector_\n:
	.if (\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	pushq $0
	.endif
	pushq $\n
	.if (\n == 2) || (\n == 8) || (\n == 18)
	jmp trap_common
	.else
	jmp trap_move_off_ist
	.endif
.endm

.altmacro
.set n, 0
.rept 256
	vector_stub %n
	.set n, n + 1
.endr

/* On IST_ENTRY, interrupts off: vector, error, rip, cs, rflags, rsp, ss. */
trap_move_off_ist:
	pushq %rax
	pushq %rcx
	pushq %rdx
	/* Now rdx, rcx, rax, vector, error, rip, cs, rflags, rsp (at 64), ss. */
	movq 64(%rsp), %rax
	testq %rax, %rax
	js 4f
	/* The lower half: the top of the kernel stack, unused while program code runs. */
	movq syscall_kernel_stack(%rip), %rax
	subq $80, %rax
	jmp 1f
4:	subq $RED_ZONE, %rax
	andq $-16, %rax
	subq $80, %rax
	movq trap_stack_bottom(%rip), %rdx
	testq %rdx, %rdx
	jz 1f
	leaq -TRAP_STACK_MARGIN(%rax), %rcx
	cmpq %rdx, %rcx
	jb 3f
1:	/* Copy the 10 words to their new place and continue there. */
	xorl %ecx, %ecx
2:	movq (%rsp,%rcx,8), %rdx
	movq %rdx, (%rax,%rcx,8)
	incl %ecx
	cmpl $10, %ecx
	jne 2b
	movq %rax, %rsp
3:	popq %rdx
	popq %rcx
	popq %rax
	/* fall through */

/* Save the registers as struct trap_frame and call trap_dispatch(frame). */
trap_common:
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
	cld
	movq %rsp, %rdi
	/* A frame-pointer link, so that backtraces continue into the interrupted code. */
	movq 17*8(%rsp), %rax
	pushq %rax
	pushq %rbp
	movq %rsp, %rbp
	call trap_dispatch
	addq $16, %rsp
/* With %rsp at a struct trap_frame, interrupts off: back to the context it describes. */
	.globl trap_return_from_frame
trap_return_from_frame:
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
	addq $16, %rsp
	iretq

.macro stub_address n
	.quad vector_\n
.endm

	.section .rodata.trap_stubs, "a"
	.p2align 3
	.globl trap_stub_table
trap_stub_table:
.set n, 0
.rept 256
	stub_address %n
	.set n, n + 1
.endr
