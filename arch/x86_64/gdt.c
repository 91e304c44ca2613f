/*
 * Segments: a flat 64-bit code and data segment, and the task state segment
 * whose interrupt stack table points at the boot-time IST stacks.
 */
#include <string.h>
#include <tessera/arch/stacks.h>
#include <tessera/arch/segments.h>
#include <tessera/compiler.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iopb_offset;
} __packed;

static struct tss tss;

/* null, kernel code, kernel data, TSS (two slots) */
static uint64_t gdt[5] __aligned(16) = {
	0,
	0x00af9a000000ffff, /* 64-bit code, DPL 0 */
	0x00cf92000000ffff, /* data, DPL 0 */
};

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __packed;

static void set_tss_descriptor(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

	gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
			   (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
	struct descriptor_pointer gdtr = {sizeof(gdt) - 1, (uint64_t)gdt};

	for (int i = IST_ENTRY; i <= IST_NMI_MCE; i++)
		tss.ist[i - 1] = (uint64_t)(boot_stacks[i].base + boot_stacks[i].size);
	tss.iopb_offset = sizeof(tss);
	set_tss_descriptor();
	__asm__ __volatile__("lgdt %0\n\t"
			     "movl %1, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "xorl %%eax, %%eax\n\t"
			     "movl %%eax, %%fs\n\t"
			     "movl %%eax, %%gs\n\t"
			     "pushq %2\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "lretq\n"
			     "1:\n\t"
			     "ltr %w3"
			     :
			     : "m"(gdtr), "i"(GDT_KERNEL_DATA), "i"(GDT_KERNEL_CODE), "r"(GDT_TSS)
			     : "rax", "memory");
}
