/*
 * exit() is kernel_exit(), and a kernel exit hook runs the atexit() handlers
 * and flushes stdout: returning from main(), which the boot code turns into
 * kernel_exit(), then behaves as exit() must.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <tessera/boot.h>

/* The minimum C guarantees. */
#define ATEXIT_MAX 32
/* 128 + SIGABRT: how a shell reports a process killed by abort(). */
#define ABORT_STATUS 134

static void (*handlers[ATEXIT_MAX])(void);
static int nr_handlers;

int atexit(void (*fn)(void))
{
	if (nr_handlers == ATEXIT_MAX)
		return -1;
	handlers[nr_handlers++] = fn;
	return 0;
}

static void run_exit_handlers(int status)
{
	(void)status;
	/* Popped before the call: a handler calling exit() does not run twice. */
	while (nr_handlers > 0)
		handlers[--nr_handlers]();
	fflush(NULL);
}

static int exit_init(void)
{
	return kernel_atexit(run_exit_handlers);
}
INITCALL(exit_init, INIT_LIB);

void exit(int status)
{
	kernel_exit(status);
}

void _Exit(int status)
{
	nr_handlers = 0;
	kernel_exit(status);
}

void abort(void)
{
	static const char message[] = "Aborted\n";

	write(STDERR_FILENO, message, sizeof(message) - 1);
	_Exit(ABORT_STATUS);
}
