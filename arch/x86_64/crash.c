/*
 * The fatal-exception report: what happened, where, every register, and a
 * backtrace; then the machine stops with the status a Linux process killed
 * by the matching signal would have (128 + signal).
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/backtrace.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/paging.h>
#include <tessera/arch/trap.h>
#include <tessera/plat/shutdown.h>
#include <tessera/printk.h>
#include <tessera/symbols.h>

#define SIGILL  4
#define SIGTRAP 5
#define SIGBUS  7
#define SIGFPE  8
#define SIGSEGV 11

static const char *const exception_names[TRAP_NR_EXCEPTIONS] = {
	[TRAP_DE] = "#DE divide error",
	[TRAP_DB] = "#DB debug",
	[TRAP_NMI] = "NMI",
	[TRAP_BP] = "#BP breakpoint",
	[TRAP_OF] = "#OF overflow",
	[TRAP_BR] = "#BR bound range exceeded",
	[TRAP_UD] = "#UD invalid opcode",
	[TRAP_NM] = "#NM device not available",
	[TRAP_DF] = "#DF double fault",
	[TRAP_TS] = "#TS invalid TSS",
	[TRAP_NP] = "#NP segment not present",
	[TRAP_SS] = "#SS stack-segment fault",
	[TRAP_GP] = "#GP general protection",
	[TRAP_PF] = "#PF page fault",
	[TRAP_MF] = "#MF x87 floating-point error",
	[TRAP_AC] = "#AC alignment check",
	[TRAP_MC] = "#MC machine check",
	[TRAP_XM] = "#XM SIMD floating-point error",
	[TRAP_VE] = "#VE virtualization exception",
	[TRAP_CP] = "#CP control protection",
};

int trap_signal_number(const struct trap_frame *tf)
{
	switch (tf->vector) {
	case TRAP_DE:
	case TRAP_MF:
	case TRAP_XM:
		return SIGFPE;
	case TRAP_UD:
		return SIGILL;
	case TRAP_DB:
	case TRAP_BP:
		return SIGTRAP;
	case TRAP_AC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

static bool on_guard_page(uintptr_t addr)
{
	return trap_stack_bottom && addr < trap_stack_bottom &&
	       addr >= trap_stack_bottom - PAGE_SIZE;
}

static void describe_page_fault(const struct trap_frame *tf, uintptr_t addr)
{
	uint64_t err = tf->error_code;
	const char *access = err & PF_FETCH ? "instruction fetch" : err & PF_WRITE ? "write" : "read";

	if (on_guard_page(addr))
		printk(LOG_EMERG, "stack overflow: %s at %#lx hit the guard page below the stack\n",
		       access, addr);
	else if (!(err & PF_PRESENT))
		printk(LOG_EMERG, "%s at unmapped address %#lx\n", access, addr);
	else if (err & PF_FETCH)
		printk(LOG_EMERG, "instruction fetch from non-executable page at %#lx\n", addr);
	else
		printk(LOG_EMERG, "%s at %#lx violates the page's protection\n", access, addr);
}

static void dump_registers(const struct trap_frame *tf)
{
	printk(LOG_EMERG, "RIP: ");
	print_code_address(tf->rip);
	printk(LOG_EMERG, "\nRSP: %016lx RFLAGS: %08lx CS: %04lx SS: %04lx\n", tf->rsp, tf->rflags,
	       tf->cs, tf->ss);
	printk(LOG_EMERG, "RAX: %016lx RBX: %016lx RCX: %016lx\n", tf->rax, tf->rbx, tf->rcx);
	printk(LOG_EMERG, "RDX: %016lx RSI: %016lx RDI: %016lx\n", tf->rdx, tf->rsi, tf->rdi);
	printk(LOG_EMERG, "RBP: %016lx R8:  %016lx R9:  %016lx\n", tf->rbp, tf->r8, tf->r9);
	printk(LOG_EMERG, "R10: %016lx R11: %016lx R12: %016lx\n", tf->r10, tf->r11, tf->r12);
	printk(LOG_EMERG, "R13: %016lx R14: %016lx R15: %016lx\n", tf->r13, tf->r14, tf->r15);
	printk(LOG_EMERG, "CR2: %016lx CR3: %016lx\n", read_cr2(), read_cr3());
}

/*
 * The frame-pointer chain starts with the caller of the function that set
 * up the current frame.  When the fault hit a function before or without
 * its frame (gcc builds leaf functions that touch no stack without one;
 * a call through a bad pointer lands outside any function), the return
 * address is still on top of the stack: report it as the caller.
 */
static uintptr_t caller_without_frame(const struct trap_frame *tf)
{
	static const uint8_t prologue[] = {0x55, 0x48, 0x89, 0xe5}; /* push %rbp; mov %rsp,%rbp */
	uintptr_t offset, ret_slot = tf->rsp;
	const char *name = symbols_lookup(tf->rip, &offset);
	const uint8_t *start = (const uint8_t *)(tf->rip - offset);

	if (name && !memcmp(start, prologue, sizeof(prologue))) {
		if (offset >= sizeof(prologue))
			return 0; /* the chain is complete */
		if (offset >= 1)
			ret_slot += sizeof(uintptr_t); /* past the pushed %rbp */
	}
	if (!pt_translate(ret_slot, NULL, NULL))
		return 0;
	return symbols_lookup(*(uintptr_t *)ret_slot, &offset) ? *(uintptr_t *)ret_slot : 0;
}

/* Registers and a backtrace, then stop with status. */
static __noreturn void report(const struct trap_frame *tf, int status)
{
	uintptr_t caller;

	dump_registers(tf);
	printk(LOG_EMERG, "Backtrace:\n  #0 ");
	print_code_address(tf->rip);
	printk(LOG_EMERG, "\n");
	caller = caller_without_frame(tf);
	if (caller) {
		printk(LOG_EMERG, "  #1 ");
		print_code_address(caller);
		printk(LOG_EMERG, "\n");
	}
	backtrace_print(tf->rbp, caller ? 2 : 1);
	plat_crash(status);
}

static void enter_report(const struct trap_frame *tf, int status)
{
	static bool crashing;

	if (crashing) {
		printk(LOG_EMERG, "fault while reporting a crash (vector %lu at %#lx)\n", tf->vector,
		       tf->rip);
		plat_crash(status);
	}
	crashing = true;
}

void trap_fatal(struct trap_frame *tf, const char *why)
{
	const char *name = tf->vector < TRAP_NR_EXCEPTIONS ? exception_names[tf->vector] : NULL;
	int status = 128 + trap_signal_number(tf);

	enter_report(tf, status);
	printk(LOG_EMERG, "CPU exception %s (vector %lu, error code %#lx)%s%s\n",
	       name ? name : "reserved", tf->vector, tf->error_code, why ? ": " : "", why ? why : "");
	if (tf->vector == TRAP_PF)
		describe_page_fault(tf, read_cr2());
	else if (tf->vector == TRAP_DF && on_guard_page(read_cr2()))
		printk(LOG_EMERG, "stack overflow: %#lx is the guard page below the stack\n",
		       read_cr2());
	report(tf, status);
}

void trap_fatal_signal(const struct trap_frame *tf, int sig, const char *name)
{
	enter_report(tf, 128 + sig);
	printk(LOG_EMERG, "killed by %s (core dumped), at:\n", name);
	report(tf, 128 + sig);
}
