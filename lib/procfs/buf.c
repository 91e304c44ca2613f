/* The text of a /proc file: made whole at open, so that reads see one snapshot. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/fmt.h>
#include "procfs_internal.h"

char *proc_reserve(struct proc_buf *b, size_t len)
{
	size_t want = b->len + len + 1; /* and a NUL, which fmt_vsnprintf writes */

	if (b->err)
		return NULL;
	if (want > b->cap) {
		size_t cap = MAX(want, b->cap ? 2 * b->cap : 512);
		char *data = alloc_realloc(alloc_default(), b->data, cap);

		if (!data) {
			b->err = -ENOMEM;
			return NULL;
		}
		b->data = data;
		b->cap = cap;
	}
	return b->data + b->len;
}

void proc_put(struct proc_buf *b, const void *data, size_t len)
{
	char *at = proc_reserve(b, len);

	if (at) {
		memcpy(at, data, len);
		b->len += len;
	}
}

void proc_printf(struct proc_buf *b, const char *fmt, ...)
{
	char *at = proc_reserve(b, 0);
	va_list ap;
	int n;

	if (!at)
		return;
	va_start(ap, fmt);
	n = fmt_vsnprintf(at, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = -EOVERFLOW;
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		/* Did not fit: grow, and format again. */
		at = proc_reserve(b, n);
		if (!at)
			return;
		va_start(ap, fmt);
		fmt_vsnprintf(at, n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += n;
}

void proc_buf_free(struct proc_buf *b)
{
	alloc_free(alloc_default(), b->data);
	*b = (struct proc_buf){0};
}

int proc_show_text(struct proc_buf *b, const struct proc_node *node)
{
	const char *text = node->entry->data;

	proc_put(b, text, strlen(text));
	return 0;
}

int proc_store_ignored(const char *data, size_t len, const struct proc_node *node)
{
	(void)data;
	(void)len;
	(void)node;
	return 0;
}
