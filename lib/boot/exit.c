/* kernel_exit(): the one way out; libraries hook in with kernel_atexit(). */
#include <errno.h>
#include <tessera/boot.h>
#include <tessera/plat/shutdown.h>

#define MAX_EXIT_HOOKS 8

static void (*exit_hooks[MAX_EXIT_HOOKS])(int status);
static int nr_exit_hooks;

int kernel_atexit(void (*fn)(int status))
{
	if (nr_exit_hooks == MAX_EXIT_HOOKS)
		return -ENOMEM;
	exit_hooks[nr_exit_hooks++] = fn;
	return 0;
}

void kernel_exit(int status)
{
	while (nr_exit_hooks > 0)
		exit_hooks[--nr_exit_hooks](status);
	plat_shutdown(status);
}
