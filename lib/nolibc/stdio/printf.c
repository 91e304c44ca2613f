/* The printf family on streams: lib/fmt's engine with a stream as its sink. */
#include <stdio.h>
#include <tessera/fmt.h>
#include "file.h"

struct stream_output {
	FILE *f;
	bool failed;
};

static void stream_sink(void *ctx, const char *s, size_t len)
{
	struct stream_output *out = ctx;

	if (__stdio_write(out->f, s, len))
		out->failed = true;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct stream_output out = {.f = f};
	int len = fmt_vformat(stream_sink, &out, fmt, ap);

	return out.failed ? EOF : len;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vfprintf(f, fmt, ap);
	va_end(ap);
	return len;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return len;
}

/* Through a throwaway unbuffered stream on fd. */
int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	FILE f = {.fd = fd};

	return vfprintf(&f, fmt, ap);
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vdprintf(fd, fmt, ap);
	va_end(ap);
	return len;
}
