#include <errno.h>
#include <unistd.h>
#include <tessera/arch/cpu.h>
#include <tessera/console.h>

/* Nothing typed yet: the one place to yield to the scheduler instead of spinning. */
static void wait_for_input(void)
{
	cpu_relax();
}

ssize_t read(int fd, void *buf, size_t n)
{
	size_t got;

	if (fd != STDIN_FILENO) {
		errno = EBADF;
		return -1;
	}
	if (!n)
		return 0;
	while (!(got = console_read(buf, n)))
		wait_for_input();
	return (ssize_t)got;
}
