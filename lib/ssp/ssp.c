/*
 * Stack protector.  Code is built with -fstack-protector-strong and
 * -mstack-protector-guard=global, so canaries are compared with
 * __stack_chk_guard, randomised by the first initcall.  Its low byte is zero,
 * as in glibc, so that a string overflow cannot reproduce it.
 */
#include <stdint.h>
#include <tessera/arch/backtrace.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include <tessera/random.h>

/*
 * Not zero before randomisation: a zero canary is the easiest to forge.
 * Both symbols are used: only code generated at link-time compilation
 * refers to them, so LTO would otherwise drop them.
 */
__attribute__((used, externally_visible)) uintptr_t __stack_chk_guard = 0x5e3ff1a7c0de1500UL;

__attribute__((used, externally_visible)) __noreturn void __stack_chk_fail(void)
{
	printk(LOG_EMERG, "stack smashing detected in ");
	print_code_address((uintptr_t)__builtin_return_address(0));
	printk(LOG_EMERG, "\n");
	panic("stack protector: canary overwritten");
}

/* Changes the canary: must not check it itself. */
static __no_stack_protector int ssp_init(void)
{
	__stack_chk_guard = random_u64() & ~(uintptr_t)0xff;
	return 0;
}
INITCALL(ssp_init, INIT_EARLY);
