#include <errno.h>
#include <unistd.h>
#include <tessera/console.h>

ssize_t write(int fd, const void *buf, size_t n)
{
	if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
		errno = EBADF;
		return -1;
	}
	console_write(fd == STDOUT_FILENO ? CONSOLE_STDOUT : CONSOLE_STDERR, buf, n);
	return (ssize_t)n;
}
