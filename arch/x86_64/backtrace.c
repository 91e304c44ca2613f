/*
 * Backtraces by walking the frame-pointer chain (everything is built with
 * -fno-omit-frame-pointer).  Each frame is checked against the page tables
 * before it is read, so that a corrupt chain ends the walk instead of
 * faulting inside the crash report.
 */
#include <tessera/arch/backtrace.h>
#include <tessera/arch/paging.h>
#include <tessera/printk.h>
#include <tessera/symbols.h>

#define BACKTRACE_MAX_FRAMES 32

void print_code_address(uintptr_t addr)
{
	uintptr_t offset;
	const char *name = symbols_lookup(addr, &offset);

	if (name)
		printk(LOG_EMERG, "%#lx <%s+%#lx>", addr, name, offset);
	else
		printk(LOG_EMERG, "%#lx", addr);
}

static bool frame_readable(uintptr_t fp)
{
	return fp && IS_ALIGNED(fp, sizeof(uintptr_t)) && pt_translate(fp, NULL, NULL) &&
	       pt_translate(fp + sizeof(uintptr_t), NULL, NULL);
}

void backtrace_print(uintptr_t fp, int first)
{
	for (int i = first; i < first + BACKTRACE_MAX_FRAMES && frame_readable(fp); i++) {
		const uintptr_t *frame = (const uintptr_t *)fp;
		uintptr_t ret = frame[1];

		if (!ret)
			break;
		printk(LOG_EMERG, "  #%d ", i);
		/* A return address points after the call: name the call's function. */
		print_code_address(ret);
		printk(LOG_EMERG, "\n");
		if (frame[0] <= fp)
			break; /* frames grow upwards; anything else is corrupt */
		fp = frame[0];
	}
}
