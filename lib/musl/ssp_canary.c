/*
 * The stack canary.  The kernel chose a random one at boot, and every
 * thread of the single address space shares it; musl would instead set its
 * own from AT_RANDOM at start, under frames that checked the old one.
 * musl's code compares its canary with the thread block's copy (%fs:0x28,
 * the x86_64 ABI's place), so put the kernel's there.
 */
#include <stdint.h>

extern uintptr_t __stack_chk_guard;

void __init_ssp(void *entropy)
{
	(void)entropy;
	__asm__ volatile("movq %0, %%fs:0x28" : : "r"(__stack_chk_guard) : "memory");
}
