/*
 * The standard streams.  stdout collects output until a '\n' or a full
 * buffer; stderr writes through at once, so that it is never lost.
 */
#include <string.h>
#include <unistd.h>
#include <tessera/compiler.h>
#include "file.h"

static char stdout_buf[BUFSIZ];
static FILE streams[] = {
	{.fd = STDIN_FILENO},
	{.fd = STDOUT_FILENO, .buf = stdout_buf, .size = sizeof(stdout_buf)},
	{.fd = STDERR_FILENO},
};

FILE *const stdin = &streams[0];
FILE *const stdout = &streams[1];
FILE *const stderr = &streams[2];

static int write_all(FILE *f, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(f->fd, s, len);

		if (n <= 0) {
			f->error = true;
			return EOF;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int fflush(FILE *f)
{
	int err;

	/* stdout is the only stream that buffers. */
	if (!f)
		f = stdout;
	err = write_all(f, f->buf, f->len);
	f->len = 0;
	return err;
}

static int buffered_write(FILE *f, const char *s, size_t len)
{
	while (len) {
		size_t n = MIN(len, f->size - f->len);

		memcpy(f->buf + f->len, s, n);
		f->len += n;
		if ((f->len == f->size || memchr(s, '\n', n)) && fflush(f))
			return EOF;
		s += n;
		len -= n;
	}
	return 0;
}

int __stdio_write(FILE *f, const char *s, size_t len)
{
	return f->buf ? buffered_write(f, s, len) : write_all(f, s, len);
}

size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict f)
{
	if (!size || !nmemb || __stdio_write(f, ptr, size * nmemb))
		return 0;
	return nmemb;
}

int ferror(FILE *f)
{
	return f->error;
}
