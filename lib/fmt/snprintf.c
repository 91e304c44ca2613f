/* snprintf over the format engine: a sink that fills a bounded buffer. */
#include <tessera/fmt.h>

struct buffer {
	char *pos;
	size_t room; /* characters that still fit, the final NUL excluded */
};

static void buffer_sink(void *ctx, const char *s, size_t len)
{
	struct buffer *b = ctx;
	size_t n = len < b->room ? len : b->room;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		b->pos[i] = s[i];
	b->pos += n;
	b->room -= n;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer b = {.pos = buf, .room = size ? size - 1 : 0};
	int len = fmt_vformat(buffer_sink, &b, fmt, ap);

	if (size)
		*b.pos = '\0';
	return len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}
