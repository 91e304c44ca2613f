/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw syscall sites with known answers for the binary scanner:
 * resolved getpid, getuid (through a register copy) and exit; one site
 * at a branch target and one fed from an argument stay unresolved.
 */
	.text
	.globl _start
_start:
	mov $39, %eax		/* getpid */
	syscall
	mov $102, %ecx		/* getuid, copied into eax */
	mov %ecx, %eax
	syscall
	jmp 1f
	mov $1, %eax		/* unreachable: the label below starts a new block */
1:	syscall
	mov %rdi, %rax		/* not a constant */
	syscall
	xor %edi, %edi
	mov $60, %eax		/* exit */
	syscall
	.section .note.GNU-stack,"",@progbits
