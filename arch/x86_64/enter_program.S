/*
 * void arch_enter_program(uintptr_t entry, uintptr_t sp): start a Linux
 * program as the ELF ABI says: %rsp at argc, %rdx 0 (no exit handler to
 * register), other registers cleared, interrupts on (sti's shadow covers the
 * jump, as in syscall_entry.S).
 */
	.section .text.enter_program, "ax"
	.globl arch_enter_program
arch_enter_program:
	cli
	movq %rsi, %rsp
	movq %rdi, %rcx
	xorl %eax, %eax
	xorl %ebx, %ebx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	xorl %r11d, %r11d
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r14d, %r14d
	xorl %r15d, %r15d
	sti
	jmp *%rcx

	.section .note.GNU-stack, "", @progbits
