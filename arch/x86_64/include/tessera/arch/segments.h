/* Descriptor tables: GDT selectors, and the set-up of GDT, TSS and IDT. */
#ifndef TESSERA_ARCH_SEGMENTS_H
#define TESSERA_ARCH_SEGMENTS_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_TSS         0x18

#ifndef __ASSEMBLY__
void gdt_init(void);
void idt_init(void);
#endif

#endif
