/*
 * The boot sequence, the same on every platform:
 *   1. split the command line: kernel options before "--", argv after;
 *   2. apply kernel options (KERNEL_PARAM), so that loglevel= holds from now;
 *   3. run every initcall, ordered by level (the linker sorts them);
 *   4. start the application through its C library (libc_start_main, which
 *      calls main) and exit with its status.
 * Libraries join the sequence by registering initcalls; nothing here names them.
 */
#include <tessera/arch/cpu.h>
#include <tessera/boot.h>
#include <tessera/cmdline.h>
#include <tessera/libc.h>
#include <tessera/plat/time.h>
#include <tessera/printk.h>
#include "params.h"

extern const initcall_fn __initcalls_start[], __initcalls_end[];

static struct boot_info *the_boot_info;
static char *words[CONFIG_CMDLINE_MAX_WORDS + 1];
/* Without "--", the application still gets its name as argv[0]. */
static char *default_argv[] = {TESSERA_APP_NAME, NULL};

struct boot_info *boot_info(void)
{
	return the_boot_info;
}

/* The initcall at level INIT_EARLY sets the stack canary: no frame here may check it. */
static __no_stack_protector void run_initcalls(void)
{
	for (const initcall_fn *fn = __initcalls_start; fn < __initcalls_end; fn++) {
		int err = (*fn)();

		if (err)
			panic("initcall %p failed: error %d", (void *)*fn, err);
	}
}

static void report_boot_time(void)
{
	uint64_t cycles = the_boot_info->main_tsc - the_boot_info->boot_tsc;
	uint64_t khz = plat_tsc_khz();
	uint64_t ns = khz ? cycles * 1000000 / khz : 0;

	printk(LOG_EMERG, "boot: first instruction to main(): %lu TSC cycles, %lu.%03lu us\n",
	       cycles, ns / 1000, ns % 1000);
}

__no_stack_protector void boot_main(struct boot_info *bi)
{
	struct cmdline cl = {0};
	int err;

	the_boot_info = bi;
	err = cmdline_parse(bi->cmdline, words, CONFIG_CMDLINE_MAX_WORDS, &cl);
	if (!err)
		params_apply(cl.opts, cl.nopts);
	run_initcalls();
	if (err)
		panic("cannot parse the command line (error %d): %s", err, bi->cmdline);
	params_report_unknown();
	bi->main_tsc = rdtsc();
	if (params_boot_time_requested())
		report_boot_time();
	if (cl.argc == 0) {
		cl.argv = default_argv;
		cl.argc = 1;
	}
	cl.argv[cl.argc] = NULL; /* words[] has a spare slot for it */
	kernel_exit(libc_start_main(cl.argc, cl.argv));
}
