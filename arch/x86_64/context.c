/* Initial stack layout matching arch_context_switch's pops. */
#include <tessera/arch/context.h>
#include <tessera/compiler.h>

#define MXCSR_DEFAULT 0x1f80
#define FCW_DEFAULT   0x037f

void arch_context_trampoline(void);

struct initial_frame {
	uint32_t mxcsr;
	uint32_t fcw;
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t ret; /* popped last: the trampoline then runs with a 16-byte aligned stack */
};

uintptr_t arch_context_init(void *stack_top, void (*entry)(void *), void *arg)
{
	uintptr_t top = ALIGN_DOWN((uintptr_t)stack_top, 16);
	struct initial_frame *f = (struct initial_frame *)(top - sizeof(*f));

	*f = (struct initial_frame){
		.mxcsr = MXCSR_DEFAULT,
		.fcw = FCW_DEFAULT,
		.r12 = (uint64_t)entry,
		.r13 = (uint64_t)arg,
		.ret = (uint64_t)arch_context_trampoline,
	};
	return (uintptr_t)f;
}
