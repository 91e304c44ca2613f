/*
 * Kernel log.  Messages at or below the current level (kernel option
 * loglevel=, default warnings) go to the console's stderr stream.
 */
#ifndef TESSERA_PRINTK_H
#define TESSERA_PRINTK_H

#include <stdarg.h>
#include <tessera/compiler.h>

enum log_level {
	LOG_EMERG = 0,
	LOG_ERR = 3,
	LOG_WARN = 4,
	LOG_NOTICE = 5,
	LOG_INFO = 6,
	LOG_DEBUG = 7,
};

__printf(2, 3) void printk(enum log_level level, const char *fmt, ...);
void vprintk(enum log_level level, const char *fmt, va_list ap);
int printk_level(void);

#define pr_err(...)    printk(LOG_ERR, "error: " __VA_ARGS__)
#define pr_warn(...)   printk(LOG_WARN, "warning: " __VA_ARGS__)
#define pr_notice(...) printk(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)   printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)  printk(LOG_DEBUG, __VA_ARGS__)

/* Exit status of a kernel panic, as for a process killed by SIGABRT. */
#define PANIC_EXIT_STATUS 134

/* Report, print a backtrace of the caller, stop the machine with PANIC_EXIT_STATUS. */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

#endif /* TESSERA_PRINTK_H */
