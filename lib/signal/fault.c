/*
 * Synchronous signals: an exception in application code that nothing
 * resolved becomes the signal Linux's trap handlers send (SIGSEGV with
 * SEGV_MAPERR or SEGV_ACCERR and the address for page faults, SIGFPE
 * FPE_INTDIV for a division by zero, SIGILL for an invalid opcode, SIGTRAP
 * for int3, ...), queued for the faulting thread and delivered before it
 * resumes.  A program with no handler for it (or blocking it, which Linux
 * overrides to kill the process) gets the crash report, as before.
 */
#include <tessera/arch/cpu.h>
#include <tessera/arch/trap.h>
#include <tessera/boot.h>
#include "signal_internal.h"


bool (*signal_address_mapped)(uintptr_t addr);

static void describe(const struct trap_frame *tf, siginfo_t *info)
{
	void *rip = (void *)tf->rip;

	info->si_code = SI_KERNEL;
	switch (tf->vector) {
	case TRAP_PF:
		info->si_signo = SIGSEGV;
		info->si_addr = (void *)read_cr2();
		info->si_code = signal_address_mapped && signal_address_mapped(read_cr2()) ?
					SEGV_ACCERR : SEGV_MAPERR;
		break;
	case TRAP_DE:
		info->si_signo = SIGFPE;
		info->si_code = FPE_INTDIV;
		info->si_addr = rip;
		break;
	case TRAP_MF:
	case TRAP_XM:
		info->si_signo = SIGFPE;
		info->si_code = 0;
		info->si_addr = rip;
		break;
	case TRAP_UD:
		info->si_signo = SIGILL;
		info->si_code = ILL_ILLOPN;
		info->si_addr = rip;
		break;
	case TRAP_BP:
		info->si_signo = SIGTRAP;
		break;
	case TRAP_DB:
		info->si_signo = SIGTRAP;
		info->si_code = TRAP_TRACE;
		break;
	case TRAP_NP:
	case TRAP_SS:
		info->si_signo = SIGBUS;
		break;
	case TRAP_AC:
		info->si_signo = SIGBUS;
		info->si_code = BUS_ADRALN;
		info->si_addr = rip;
		break;
	default: /* #GP, #BR, #OF, ...: Linux sends SIGSEGV from the kernel */
		info->si_signo = SIGSEGV;
		break;
	}
}

static bool user_exception(struct trap_frame *tf)
{
	struct signal_thread *self = signal_self();
	siginfo_t info = {0};
	uintptr_t handler;

	if (!self)
		return false;
	describe(tf, &info);
	handler = self->process->actions[info.si_signo - 1].handler;
	if (handler == SIG_DFL_VALUE || handler == SIG_IGN_VALUE ||
	    (self->blocked & SIGNAL_BIT(info.si_signo)))
		return false;
	return signal_send_thread(thread_current(), &info) == 0;
}

static int fault_init(void)
{
	trap_user_exception = user_exception;
	return 0;
}
INITCALL(fault_init, INIT_LIB);
