/*
 * Boot-time stacks, each preceded by a guard page that paging_init() leaves
 * unmapped: the boot stack (the application's main thread runs on it when no
 * scheduler is configured) and the IST stacks the CPU switches to on traps.
 */
#include <tessera/alloc.h>
#include <tessera/arch/stacks.h>
#include <tessera/compiler.h>

#define DEFINE_STACK(name, size) char name[PAGE_SIZE + (size)] __aligned(PAGE_SIZE)

DEFINE_STACK(boot_stack_area, CONFIG_BOOT_STACK_SIZE);
DEFINE_STACK(ist_entry_stack, 4 * PAGE_SIZE);
DEFINE_STACK(ist_double_fault_stack, 2 * PAGE_SIZE);
DEFINE_STACK(ist_nmi_stack, 2 * PAGE_SIZE);

const struct boot_stack boot_stacks[] = {
	{boot_stack_area + PAGE_SIZE, CONFIG_BOOT_STACK_SIZE, "boot"},
	[IST_ENTRY] = {ist_entry_stack + PAGE_SIZE, 4 * PAGE_SIZE, "trap entry"},
	[IST_DOUBLE_FAULT] = {ist_double_fault_stack + PAGE_SIZE, 2 * PAGE_SIZE, "double fault"},
	[IST_NMI_MCE] = {ist_nmi_stack + PAGE_SIZE, 2 * PAGE_SIZE, "NMI"},
	{NULL, 0, NULL},
};
