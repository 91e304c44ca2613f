/*
 * Cooperative context switch: the callee-saved registers and the x87/SSE
 * control words the ABI preserves across calls, saved on the old stack.
 */
#ifndef TESSERA_ARCH_CONTEXT_H
#define TESSERA_ARCH_CONTEXT_H

#include <stdint.h>

/* Save the current context, store its stack pointer in *save_sp, resume new_sp. */
void arch_context_switch(uintptr_t *save_sp, uintptr_t new_sp);

/* Prepare a stack so that switching to the returned sp calls entry(arg). */
uintptr_t arch_context_init(void *stack_top, void (*entry)(void *), void *arg);

#endif
