/*
 * musl starts the application as it does on Linux: its own entry point
 * (_start, from Scrt1.o) gets an initial stack with argv, the environment
 * and the auxiliary vector, and __libc_start_main sets up thread-local
 * storage, runs constructors, main and exit().
 */
#include <stdint.h>
#include <tessera/libc.h>
#include <tessera/process.h>

void _start(void);

int libc_start_main(int argc, char **argv)
{
	(void)argc;
	process_start_linked((uintptr_t)_start, argv);
	return 127; /* as a shell reports a program it cannot run */
}
