/* arch_context_switch(save_sp, new_sp) and the first-run trampoline. */

	.section .text.context_switch, "ax"
	.globl arch_context_switch
arch_context_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp
	stmxcsr (%rsp)
	fnstcw 4(%rsp)
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	ldmxcsr (%rsp)
	fldcw 4(%rsp)
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First run of a context: r12 = entry, r13 = arg (see context.c). */
	.globl arch_context_trampoline
arch_context_trampoline:
	xorl %ebp, %ebp
	movq %r13, %rdi
	call *%r12
	ud2
