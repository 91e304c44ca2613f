/*
 * Boot sequence and shutdown.
 *
 * The platform enters boot_main() with a description of the machine.  Every
 * library registers its initialisation with INITCALL(fn, level); boot_main runs
 * them level by level, then the application's main(argc, argv), then
 * kernel_exit() with its status.  Kernel options on the command line (before
 * "--") are matched against KERNEL_PARAM() registrations before any initcall.
 */
#ifndef TESSERA_BOOT_H
#define TESSERA_BOOT_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/compiler.h>

/* Initcall levels; macros, not an enum, because they become part of section names. */
#define INIT_EARLY   0 /* entropy and the stack canary: nothing may return across it */
#define INIT_CONSOLE 1 /* console drivers: everything after may print */
#define INIT_ARCH    2 /* final page tables, from a boot pool of free memory */
#define INIT_MEMORY  3 /* the default allocator takes the remaining free memory */
#define INIT_PLAT    4 /* interrupt controllers, timers, clocks */
#define INIT_LIB     5 /* core libraries: scheduler, ... */
#define INIT_DRIVER  6 /* device drivers */
#define INIT_FS      7 /* file systems */
#define INIT_LATE    8 /* anything that needs all of the above */

typedef int (*initcall_fn)(void);

/* The level is part of the section name; the linker script sorts by it. */
#define INITCALL(fn, level)                                                                        \
	static const initcall_fn __initcall_##fn __used                                            \
		__section(".initcall." STRINGIFY(level)) __aligned(sizeof(void *)) = fn

struct kernel_param {
	const char *name;
	/* value is NULL for a bare "name"; return 0 or a negative errno. */
	int (*set)(const char *value);
	const char *help;
};

#define KERNEL_PARAM(_name, _set, _help)                                                           \
	static const struct kernel_param __kparam_##_set __used __section(".kernel_params")        \
		__aligned(sizeof(void *)) = {.name = _name, .set = _set, .help = _help}

#define BOOT_MAX_MEM_REGIONS 32

struct mem_region {
	uintptr_t base; /* physical */
	size_t len;
};

/* What the platform found, handed to boot_main(). */
struct boot_info {
	char *cmdline;
	struct mem_region ram[BOOT_MAX_MEM_REGIONS];      /* all RAM, as the firmware reports */
	int nr_ram;
	struct mem_region free_mem[BOOT_MAX_MEM_REGIONS]; /* usable RAM, image excluded */
	int nr_free_mem;
	uint64_t total_mem;  /* bytes of RAM reported by the firmware */
	uintptr_t initrd;    /* physical, 0 if none */
	size_t initrd_len;
	uint64_t boot_tsc;   /* TSC at the first instruction */
	uint64_t main_tsc;   /* TSC when the application's main() was called (boot's end) */
};

__noreturn void boot_main(struct boot_info *bi);
/* Early initcalls may take memory from free_mem before the allocator gets the rest. */
struct boot_info *boot_info(void);

/* Register fn to run at kernel_exit(), in reverse order of registration. */
int kernel_atexit(void (*fn)(int status));
/* Orderly shutdown: run exit hooks, then pass status to the host. */
__noreturn void kernel_exit(int status);

#endif /* TESSERA_BOOT_H */
