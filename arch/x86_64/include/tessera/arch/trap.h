/*
 * Traps: the register frame every exception and interrupt builds on the
 * interrupted stack, and the hooks that let libraries handle exceptions
 * (demand paging, signals) before the fatal crash report.
 */
#ifndef TESSERA_ARCH_TRAP_H
#define TESSERA_ARCH_TRAP_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/compiler.h>

/* Layout fixed by trap_entry.S. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	/* Pushed by the CPU. */
	uint64_t rip, cs, rflags, rsp, ss;
};

enum {
	TRAP_DE = 0,  /* divide error */
	TRAP_DB = 1,
	TRAP_NMI = 2,
	TRAP_BP = 3,
	TRAP_OF = 4,
	TRAP_BR = 5,
	TRAP_UD = 6,  /* invalid opcode */
	TRAP_NM = 7,
	TRAP_DF = 8,  /* double fault */
	TRAP_TS = 10,
	TRAP_NP = 11,
	TRAP_SS = 12,
	TRAP_GP = 13, /* general protection */
	TRAP_PF = 14, /* page fault */
	TRAP_MF = 16,
	TRAP_AC = 17,
	TRAP_MC = 18,
	TRAP_XM = 19, /* SIMD floating point */
	TRAP_VE = 20,
	TRAP_CP = 21,
	TRAP_NR_EXCEPTIONS = 32,
};

/* Page-fault error code bits. */
#define PF_PRESENT (1u << 0)
#define PF_WRITE   (1u << 1)
#define PF_USER    (1u << 2)
#define PF_RSVD    (1u << 3)
#define PF_FETCH   (1u << 4)

/* Return true when the exception was handled and execution may resume. */
typedef bool (*trap_handler_fn)(struct trap_frame *tf);
int trap_register(unsigned int vector, trap_handler_fn handler);

/* Describe the exception, dump registers and a backtrace, then stop the machine. */
__noreturn void trap_fatal(struct trap_frame *tf, const char *why);
/* The same for application code a signal's default action ends with a core dump (status 128+sig). */
__noreturn void trap_fatal_signal(const struct trap_frame *tf, int sig, const char *name);

/*
 * Lowest usable address of the stack in use (0: unknown), kept current by
 * whoever switches stacks, so that a fault on its guard page is reported as
 * a stack overflow instead of crashing the trap entry.
 */
void trap_set_stack_bottom(uintptr_t bottom);
extern uintptr_t trap_stack_bottom;

/*
 * Called before application code resumes after its syscall, interrupt or
 * exception (tf: its registers), by the library that runs application
 * threads: preemption, thread exit, signal delivery.  NULL: nothing to do.
 */
extern void (*trap_return_to_user)(struct trap_frame *tf);
/* Whether tf was saved on entry from application code (at the top of the thread's kernel stack). */
bool trap_from_user(const struct trap_frame *tf);

/*
 * An exception in application code that no handler resolved (a fault outside
 * the program's memory, a division by zero, ...): true when the library that
 * delivers signals will turn it into one for the program's handler; false
 * leaves it to the crash report.
 */
extern bool (*trap_user_exception)(struct trap_frame *tf);

/*
 * The vector of a syscall's frame (the error-code slot holds the syscall
 * number, or -1 once the frame no longer belongs to a syscall that could be
 * restarted), and of a frame that rt_sigreturn replaced: that one returns
 * through iretq, restoring every register, %rcx and %r11 included.
 */
#define TRAP_VECTOR_SYSCALL  ((uint64_t)-1)
#define TRAP_VECTOR_RESTORED ((uint64_t)-2)

/* Signal number a Linux process would get for this exception. */
int trap_signal_number(const struct trap_frame *tf);

#endif /* TESSERA_ARCH_TRAP_H */
