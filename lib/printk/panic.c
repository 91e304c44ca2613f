/* panic() and assertion failures: report, backtrace, stop with a crash status. */
#include <tessera/arch/backtrace.h>
#include <tessera/assert.h>
#include <tessera/plat/shutdown.h>
#include <tessera/printk.h>

void panic(const char *fmt, ...)
{
	va_list ap;

	printk(LOG_EMERG, "panic: ");
	va_start(ap, fmt);
	vprintk(LOG_EMERG, fmt, ap);
	va_end(ap);
	printk(LOG_EMERG, "\nBacktrace:\n");
	backtrace_print(read_frame_pointer(), 0);
	plat_crash(PANIC_EXIT_STATUS);
}

void assert_fail(const char *cond, const char *file, int line, const char *func)
{
	panic("assertion failed: %s (%s:%d, in %s)", cond, file, line, func);
}
