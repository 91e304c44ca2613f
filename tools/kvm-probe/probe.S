/*
 * The accelerator probe: a PVH guest that executes one SSE instruction and
 * a 10-million-iteration loop, then exits through isa-debug-exit with 42
 * (QEMU status 85).  Real KVM runs it in milliseconds; an emulating
 * hypervisor (kvm_pvm) fails on the SSE instruction or takes seconds.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define CR4_OSFXSR (1 << 9)

	.section .note.Xen, "a", @note
	.p2align 2
	.long 4, 4, XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long probe_start

	.text
	.code32
	.globl probe_start
probe_start:
	movl %cr0, %eax
	andl $~(1 << 2), %eax	/* no x87 emulation */
	orl $(1 << 1), %eax
	movl %eax, %cr0
	movl %cr4, %eax
	orl $CR4_OSFXSR, %eax
	movl %eax, %cr4
	pxor %xmm0, %xmm0
	movl $10000000, %ecx
1:	decl %ecx
	jnz 1b
	movl $42, %eax
	outl %eax, $0xf4
	hlt
