/*
 * Saving and restoring application register state across thread switches.
 * XSAVE when the CPU has it (every component enabled in XCR0), FXSAVE
 * otherwise.  A clean image, taken at boot right after the registers were
 * initialised, gives new programs their starting state.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/syscall.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/boot.h>

#define FPU_ALIGN 64

static void *clean_fpu;

/* Read by syscall_entry.S: the running thread's kernel stack.  One CPU for now. */
uintptr_t syscall_kernel_stack;

void arch_syscall_set_kernel_stack(uintptr_t top)
{
	syscall_kernel_stack = top;
}

struct trap_frame *arch_syscall_frame(void)
{
	return (struct trap_frame *)syscall_kernel_stack - 1;
}

void arch_set_fs_base(uintptr_t base)
{
	wrmsr(MSR_FS_BASE, base);
}

uintptr_t arch_get_fs_base(void)
{
	return rdmsr(MSR_FS_BASE);
}

void arch_set_gs_base(uintptr_t base)
{
	wrmsr(MSR_GS_BASE, base);
}

uintptr_t arch_get_gs_base(void)
{
	return rdmsr(MSR_GS_BASE);
}

static void fpu_save(void *area)
{
	if (cpu_features.xsave)
		__asm__ __volatile__("xsave64 (%0)" ::"r"(area), "a"((uint32_t)cpu_features.xcr0),
				     "d"((uint32_t)(cpu_features.xcr0 >> 32))
				     : "memory");
	else
		__asm__ __volatile__("fxsave64 (%0)" ::"r"(area) : "memory");
}

static void fpu_restore(const void *area)
{
	if (cpu_features.xsave)
		__asm__ __volatile__("xrstor64 (%0)" ::"r"(area), "a"((uint32_t)cpu_features.xcr0),
				     "d"((uint32_t)(cpu_features.xcr0 >> 32))
				     : "memory");
	else
		__asm__ __volatile__("fxrstor64 (%0)" ::"r"(area) : "memory");
}

/* Zeroed: XSAVE leaves the header's reserved bytes alone, and XRSTOR faults unless they are 0. */
static void *fpu_alloc(void)
{
	void *area;

	if (alloc_posix_memalign(alloc_default(), &area, FPU_ALIGN, cpu_features.xsave_size))
		return NULL;
	memset(area, 0, cpu_features.xsave_size);
	return area;
}

static struct arch_user_state *state_alloc(void)
{
	struct arch_user_state *u = alloc_calloc(alloc_default(), 1, sizeof(*u));

	if (!u)
		return NULL;
	u->fpu = fpu_alloc();
	if (!u->fpu) {
		alloc_free(alloc_default(), u);
		return NULL;
	}
	return u;
}

struct arch_user_state *arch_user_state_new(void)
{
	struct arch_user_state *u = state_alloc();

	if (u)
		memcpy(u->fpu, clean_fpu, cpu_features.xsave_size);
	return u;
}

struct arch_user_state *arch_user_state_copy_current(void)
{
	struct arch_user_state *u = state_alloc();

	if (u) {
		fpu_save(u->fpu);
		u->fs_base = arch_get_fs_base();
		u->gs_base = arch_get_gs_base();
	}
	return u;
}

void arch_user_state_free(struct arch_user_state *u)
{
	if (!u)
		return;
	alloc_free(alloc_default(), u->fpu);
	alloc_free(alloc_default(), u);
}

void arch_user_state_switch(struct arch_user_state *prev, struct arch_user_state *next)
{
	if (prev) {
		fpu_save(prev->fpu);
		prev->fs_base = arch_get_fs_base();
		prev->gs_base = arch_get_gs_base();
	}
	if (next) {
		fpu_restore(next->fpu);
		arch_set_fs_base(next->fs_base);
		arch_set_gs_base(next->gs_base);
		arch_syscall_set_kernel_stack(next->kernel_stack_top);
	}
}

size_t arch_fpu_size(void)
{
	return cpu_features.xsave_size;
}

uint64_t arch_fpu_features(void)
{
	return cpu_features.xsave ? cpu_features.xcr0 : 0;
}

void arch_fpu_save(void *area)
{
	fpu_save(area);
}

/* What XRSTOR (and FXRSTOR) would fault on, checked first: the image comes from the program. */
#define FXSAVE_MXCSR       24
#define FXSAVE_MXCSR_MASK  28
#define XSAVE_HEADER       512
#define MXCSR_DEFAULT_MASK 0xffbf

bool arch_fpu_restore(const void *area)
{
	const uint8_t *a = area;
	uint32_t mxcsr, mask;
	uint64_t header[8];

	memcpy(&mxcsr, a + FXSAVE_MXCSR, sizeof(mxcsr));
	memcpy(&mask, a + FXSAVE_MXCSR_MASK, sizeof(mask));
	if (mxcsr & ~(mask ? mask : MXCSR_DEFAULT_MASK))
		return false;
	if (cpu_features.xsave) {
		memcpy(header, a + XSAVE_HEADER, sizeof(header));
		/* xstate_bv within XCR0, standard (not compacted) format, reserved bytes zero. */
		if (header[0] & ~cpu_features.xcr0 || header[1])
			return false;
		for (int i = 2; i < 8; i++)
			if (header[i])
				return false;
	}
	fpu_restore(area);
	return true;
}

void arch_fpu_reset(void)
{
	fpu_restore(clean_fpu);
}

void arch_user_state_reset(void)
{
	fpu_restore(clean_fpu);
	arch_set_fs_base(0);
	arch_set_gs_base(0);
}

/* Taken before any application code ran: the registers are as arch_cpu_init left them. */
static int user_state_init(void)
{
	clean_fpu = fpu_alloc();
	if (!clean_fpu)
		return -1;
	fpu_save(clean_fpu);
	return 0;
}
INITCALL(user_state_init, INIT_PLAT);
