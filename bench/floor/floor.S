/*
 * The QEMU floor: a PVH kernel whose first instruction exits through
 * isa-debug-exit, so that booting it costs only QEMU's own start and stop.
 */
	.section .note.Xen, "a", @note
	.p2align 2
	.long 4, 4, 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long floor_start

	.text
	.code32
	.globl floor_start
floor_start:
	xorl %eax, %eax
	outl %eax, $0xf4
	hlt
