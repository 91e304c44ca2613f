/*
 * Fault-tolerant copies.  Each instruction that may fault on the
 * application's pointer is listed in uaccess_fixups with where to continue;
 * uaccess_fixup() (from the page-fault path) moves RIP there.
 */
	.section .text.uaccess, "ax"

/*
 * size_t arch_copy_user(void *dst, const void *src, size_t n): bytes not
 * copied.  Words, then the tail's bytes: under an emulator every iteration
 * of a rep prefix costs as much as a jump, so moving 8 bytes at a time is
 * 8 times faster, and no slower on hardware.  A fault among the words goes
 * on byte by byte from the faulting word, so that the count is exact.
 */
	.globl arch_copy_user
arch_copy_user:
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
0:	rep movsq
	movq %rdx, %rcx
1:	rep movsb
	xorl %eax, %eax
	ret
copy_words_fault:
	leaq (%rdx,%rcx,8), %rcx	/* rep movsq stops with %rcx = words left */
	jmp 1b
copy_fault:
	movq %rcx, %rax		/* rep movsb stops with %rcx = bytes left */
	ret

/* long arch_copy_user_string(char *dst, const char *src, size_t max) */
	.globl arch_copy_user_string
arch_copy_user_string:
	xorl %eax, %eax
	testq %rdx, %rdx
	jz 4f
3:	movb (%rsi,%rax), %cl
	movb %cl, (%rdi,%rax)
	testb %cl, %cl
	jz 4f
	incq %rax
	cmpq %rdx, %rax
	jne 3b
4:	ret
string_fault:
	movq $-1, %rax
	ret

/* int arch_cmpxchg_user_u32(uint32_t *uaddr, uint32_t *expected, uint32_t new): 0 or -EFAULT. */
	.globl arch_cmpxchg_user_u32
arch_cmpxchg_user_u32:
	movl (%rsi), %eax
5:	lock cmpxchgl %edx, (%rdi)
	movl %eax, (%rsi)		/* the value found, whether it was replaced or not */
	xorl %eax, %eax
	ret
cmpxchg_fault:
	movl $-14, %eax			/* -EFAULT */
	ret

	.section .rodata.uaccess_fixups, "a"
	.p2align 3
	.globl uaccess_fixups, uaccess_fixups_end
uaccess_fixups:
	.quad 0b, copy_words_fault
	.quad 1b, copy_fault
	.quad 3b, string_fault
	.quad 5b, cmpxchg_fault
uaccess_fixups_end:

	.section .note.GNU-stack, "", @progbits
