/* printk: format into a line buffer, write it to the console's stderr stream. */
#include <errno.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include <tessera/fmt.h>
#include <tessera/printk.h>

static int log_level = CONFIG_LOGLEVEL_DEFAULT;

struct line_buffer {
	char buf[256];
	size_t len;
};

static void flush(struct line_buffer *lb)
{
	console_write(CONSOLE_STDERR, lb->buf, lb->len);
	lb->len = 0;
}

static void line_sink(void *ctx, const char *s, size_t len)
{
	struct line_buffer *lb = ctx;

	while (len) {
		size_t n = MIN(len, sizeof(lb->buf) - lb->len);

		memcpy(lb->buf + lb->len, s, n);
		lb->len += n;
		s += n;
		len -= n;
		if (lb->len == sizeof(lb->buf))
			flush(lb);
	}
}

void vprintk(enum log_level level, const char *fmt, va_list ap)
{
	struct line_buffer lb = {.len = 0};

	if ((int)level > log_level)
		return;
	fmt_vformat(line_sink, &lb, fmt, ap);
	flush(&lb);
}

void printk(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

int printk_level(void)
{
	return log_level;
}

static const char *const level_names[] = {
	[LOG_EMERG] = "emerg", [LOG_ERR] = "err",   [LOG_WARN] = "warn",
	[LOG_NOTICE] = "notice", [LOG_INFO] = "info", [LOG_DEBUG] = "debug",
};

/* loglevel=N or loglevel=NAME (err, warn, notice, info, debug) */
static int set_log_level(const char *value)
{
	if (!value)
		return -EINVAL;
	for (int i = 0; i < (int)ARRAY_SIZE(level_names); i++) {
		if (level_names[i] && !strcmp(value, level_names[i])) {
			log_level = i;
			return 0;
		}
	}
	if (value[0] >= '0' && value[0] <= '7' && value[1] == '\0') {
		log_level = value[0] - '0';
		return 0;
	}
	return -EINVAL;
}
KERNEL_PARAM("loglevel", set_log_level, "0-7 or err|warn|notice|info|debug (default warn)");
