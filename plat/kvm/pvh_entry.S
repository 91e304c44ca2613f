/*
 * PVH entry (QEMU -M microvm, Firecracker, Xen): the loader jumps to
 * pvh_start32 in 32-bit protected mode, paging off, with %ebx pointing at
 * struct hvm_start_info.  We read the TSC first (boot-time measurements start
 * here), switch to long mode on static page tables that map the first GiB at
 * 0, at the direct map and at the kernel's address, and call pvh_boot().
 */
#include <tessera/arch/layout.h>

#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define CR0_PE   (1 << 0)
#define CR0_PG   (1 << 31)
#define CR4_PAE  (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define PTE_PRESENT_WRITE 0x3
#define PDE_LARGE 0x83

	/* Tells the loader where the 32-bit entry is. */
	.section .note.Xen, "a", @note
	.p2align 2
	.long 4
	.long 4
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long pvh_start32

	.section .boot.text, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	rdtsc
	movl %eax, boot_tsc
	movl %edx, boot_tsc + 4
	movl %ebx, start_info_pa

	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_PE), %eax
	movl %eax, %cr0

	lgdt boot_gdtr
	ljmp $0x08, $pvh_start64

	.code64
pvh_start64:
	movl start_info_pa, %edi
	movq boot_tsc, %rsi
	movabsq $kernel_entry64, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.p2align 3
boot_tsc:
	.quad 0
start_info_pa:
	.long 0
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 64-bit code */
	.quad 0x00cf92000000ffff	/* data */
boot_gdtr:
	.word boot_gdtr - boot_gdt - 1
	.long boot_gdt

	.p2align 12
boot_pml4:
	.quad boot_pdpt_low + PTE_PRESENT_WRITE		/* 0: identity */
	.fill 255, 8, 0
	.quad boot_pdpt_low + PTE_PRESENT_WRITE		/* 256: DIRECT_MAP_BASE */
	.fill 254, 8, 0
	.quad boot_pdpt_high + PTE_PRESENT_WRITE	/* 511: KERNEL_VBASE */
boot_pdpt_low:
	.quad boot_pd + PTE_PRESENT_WRITE
	.fill 511, 8, 0
boot_pdpt_high:
	.fill 510, 8, 0
	.quad boot_pd + PTE_PRESENT_WRITE
	.quad 0
boot_pd:
	.set i, 0
	.rept 512
	.quad (i << 21) + PDE_LARGE
	.set i, i + 1
	.endr

	.text
	.code64
kernel_entry64:
	leaq boot_stack_area + 4096 + CONFIG_BOOT_STACK_SIZE(%rip), %rsp
	xorl %ebp, %ebp
	call pvh_boot
	ud2

	.section .note.GNU-stack, "", @progbits
