/*
 * The x86_64 signal frame, laid out as Linux's struct rt_sigframe so that C
 * libraries and runtimes (Go) that read or change the interrupted context
 * find it where they expect:
 *
 *   sp ->  return address (sa_restorer, which calls rt_sigreturn)
 *          struct ucontext: flags, link, the alternate stack, sigcontext
 *                           (registers in Linux's order, fpstate, oldmask,
 *                           cr2), the blocked mask to restore
 *          siginfo
 *          ... XSAVE image (64-byte aligned; FXSAVE layout without XSAVE),
 *              its software-reserved bytes saying so (FP_XSTATE_MAGIC1),
 *              FP_XSTATE_MAGIC2 right after it
 *
 * below the interrupted stack's red zone, or at the top of the alternate
 * stack for SA_ONSTACK handlers.  rt_sigreturn restores what the frame
 * then holds, FP state and mask included.
 */
#include <asm/sigcontext.h>
#define UC_FP_XSTATE         0x1 /* <asm/ucontext.h>, which needs libc types */
#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4
#include <errno.h>
#include <string.h>
#include <tessera/arch/segments.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "signal_internal.h"

#define RED_ZONE 128
#define FXSAVE_SW_BYTES 464
/* What a program may change in RFLAGS (Linux's FIX_EFLAGS): the rest comes from the kernel. */
#define FLAGS_USER  0x50dd5 /* AC OF DF TF SF ZF AF PF CF RF (0x40dd5 | RF) */
#define FLAG_IF     0x200
#define FLAGS_CLEAR_FOR_HANDLER 0x10500 /* RF, DF, TF */

struct linux_stack {
	uintptr_t sp;
	int flags;
	size_t size;
};

struct linux_ucontext {
	unsigned long flags;
	uintptr_t link;
	struct linux_stack stack;
	struct sigcontext mcontext;
	uint64_t sigmask;
};

struct rt_sigframe {
	uintptr_t restorer;
	struct linux_ucontext uc;
	siginfo_t info;
};

static void save_registers(struct sigcontext *sc, const struct trap_frame *tf)
{
	sc->r8 = tf->r8, sc->r9 = tf->r9, sc->r10 = tf->r10, sc->r11 = tf->r11;
	sc->r12 = tf->r12, sc->r13 = tf->r13, sc->r14 = tf->r14, sc->r15 = tf->r15;
	sc->rdi = tf->rdi, sc->rsi = tf->rsi, sc->rbp = tf->rbp, sc->rbx = tf->rbx;
	sc->rdx = tf->rdx, sc->rax = tf->rax, sc->rcx = tf->rcx, sc->rsp = tf->rsp;
	sc->rip = tf->rip, sc->eflags = tf->rflags, sc->cs = tf->cs, sc->ss = tf->ss;
	if (tf->vector < TRAP_NR_EXCEPTIONS) {
		sc->trapno = tf->vector;
		sc->err = tf->error_code;
	}
}

static void restore_registers(struct trap_frame *tf, const struct sigcontext *sc)
{
	tf->r8 = sc->r8, tf->r9 = sc->r9, tf->r10 = sc->r10, tf->r11 = sc->r11;
	tf->r12 = sc->r12, tf->r13 = sc->r13, tf->r14 = sc->r14, tf->r15 = sc->r15;
	tf->rdi = sc->rdi, tf->rsi = sc->rsi, tf->rbp = sc->rbp, tf->rbx = sc->rbx;
	tf->rdx = sc->rdx, tf->rax = sc->rax, tf->rcx = sc->rcx, tf->rsp = sc->rsp;
	tf->rip = sc->rip;
	tf->rflags = (tf->rflags & ~FLAGS_USER) | (sc->eflags & FLAGS_USER) | FLAG_IF;
	tf->cs = GDT_KERNEL_CODE;
	tf->ss = GDT_KERNEL_DATA;
}

/* The FP image as the frame holds it: XSAVE's, marked for the C library (or FXSAVE's). */
static size_t fpu_frame_size(void)
{
	return arch_fpu_size() + (arch_fpu_features() ? FP_XSTATE_MAGIC2_SIZE : 0);
}

static void fpu_mark(void *area)
{
	struct _fpx_sw_bytes sw = {0};
	uint32_t magic2 = FP_XSTATE_MAGIC2;

	if (!arch_fpu_features())
		return;
	sw.magic1 = FP_XSTATE_MAGIC1;
	sw.extended_size = fpu_frame_size();
	sw.xfeatures = arch_fpu_features();
	sw.xstate_size = arch_fpu_size();
	memcpy((char *)area + FXSAVE_SW_BYTES, &sw, sizeof(sw));
	memcpy((char *)area + arch_fpu_size(), &magic2, sizeof(magic2));
}

bool signal_frame_setup(struct trap_frame *tf, int sig, const struct kernel_sigaction *ka,
			const siginfo_t *info, uint64_t oldmask)
{
	struct signal_thread *self = signal_self();
	struct altstack *alt = &self->altstack;
	uintptr_t sp = tf->rsp - RED_ZONE, fpstate;
	struct rt_sigframe frame;
	struct rt_sigframe *user;

	if ((ka->flags & SA_ONSTACK) && alt->size && !signal_on_altstack(tf->rsp))
		sp = alt->sp + alt->size;
	fpstate = (sp - fpu_frame_size()) & ~63UL;
	user = (struct rt_sigframe *)(((fpstate - sizeof(frame)) & ~15UL) - 8);

	memset(&frame, 0, sizeof(frame));
	frame.restorer = ka->restorer;
	frame.uc.flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS |
			 (arch_fpu_features() ? UC_FP_XSTATE : 0);
	frame.uc.stack = (struct linux_stack){
		.sp = alt->sp,
		.flags = (alt->size ? 0 : SS_DISABLE) | (alt->flags & SS_AUTODISARM),
		.size = alt->size,
	};
	save_registers(&frame.uc.mcontext, tf);
	frame.uc.mcontext.oldmask = oldmask;
	frame.uc.mcontext.fpstate = (struct _fpstate *)fpstate;
	if (sig == SIGSEGV || sig == SIGBUS)
		frame.uc.mcontext.cr2 = (uintptr_t)info->si_addr;
	frame.uc.sigmask = oldmask;
	frame.info = *info;

	arch_fpu_save(self->fpu);
	fpu_mark(self->fpu);
	if (copy_to_user((void *)fpstate, self->fpu, fpu_frame_size()) ||
	    copy_to_user(user, &frame, sizeof(frame)))
		return false;
	if (alt->flags & SS_AUTODISARM)
		*alt = (struct altstack){.flags = SS_DISABLE};

	tf->rdi = sig;
	tf->rsi = (uintptr_t)&user->info;
	tf->rdx = (uintptr_t)&user->uc;
	tf->rax = 0;
	tf->rsp = (uintptr_t)user;
	tf->rip = ka->handler;
	tf->rflags &= ~FLAGS_CLEAR_FOR_HANDLER;
	arch_fpu_reset();
	return true;
}

/* The FP state the program left in the frame; false if the CPU would not take it. */
static bool restore_fpu(uintptr_t fpstate)
{
	struct signal_thread *self = signal_self();
	size_t size = arch_fpu_size();

	if (!fpstate) {
		arch_fpu_reset();
		return true;
	}
	if (fpstate & 63 || copy_from_user(self->fpu, (void *)fpstate, size))
		return false;
	return arch_fpu_restore(self->fpu);
}

/* The frame's alternate-stack setting comes back as sigaltstack would take it. */
static void restore_altstack(const struct linux_stack *s)
{
	struct altstack *a = &signal_self()->altstack;
	int mode = s->flags & ~SS_AUTODISARM;

	if (mode == SS_DISABLE)
		*a = (struct altstack){.flags = SS_DISABLE};
	else if ((mode == 0 || mode == SS_ONSTACK) && s->size >= MIN_ALTSTACK)
		*a = (struct altstack){.sp = s->sp, .flags = s->flags & SS_AUTODISARM, .size = s->size};
}

/* Linux's "bad frame": the thread gets SIGSEGV, which ends the process unless handled. */
static long bad_frame(struct trap_frame *tf)
{
	siginfo_t info = {.si_signo = SIGSEGV, .si_code = SI_KERNEL};

	tf->vector = TRAP_VECTOR_RESTORED;
	signal_send_thread(thread_current(), &info);
	return tf->rax;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct trap_frame *tf = arch_syscall_frame();
	struct rt_sigframe *user = (struct rt_sigframe *)(tf->rsp - sizeof(uintptr_t));
	struct linux_ucontext uc;

	thread_current()->restart.fn = NULL; /* the interrupted wait is over: EINTR */
	if (copy_from_user(&uc, &user->uc, sizeof(uc)))
		return bad_frame(tf);
	if (!restore_fpu((uintptr_t)uc.mcontext.fpstate))
		return bad_frame(tf);
	restore_registers(tf, &uc.mcontext);
	restore_altstack(&uc.stack);
	signal_set_blocked(uc.sigmask);
	/* No longer a syscall that could be restarted; back through iretq with every register. */
	tf->vector = TRAP_VECTOR_RESTORED;
	tf->error_code = 0;
	return tf->rax;
}
