/*
 * printf-style formatting for the kernel log and the C library.
 *
 * Supported: flags "-+ #0", width and precision (also as '*'), length
 * modifiers hh h l ll z j t, conversions d i u o x X c s p %.  %p prints like
 * glibc ("0x..." or "(nil)"), a NULL %s prints "(null)" (nothing when the
 * precision is below 6).
 *
 * Not supported, and printed as written so the mistake shows in the output:
 *  - e f g a and their capitals: kernel code is built without SSE, so the
 *    engine cannot fetch a double; it consumes no argument for them.
 *  - L, and any length modifier on c s p: no argument is consumed.
 *  - %n, a classic format-string exploit primitive: its pointer argument is
 *    consumed (keeping later arguments in step) but nothing is stored.
 *  - anything else, positional arguments (%1$d) included: no argument is
 *    consumed.
 */
#ifndef TESSERA_FMT_H
#define TESSERA_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the output in pieces: len > 0, s is not NUL-terminated. */
typedef void (*fmt_sink_fn)(void *ctx, const char *s, size_t len);

/* Returns the number of characters produced, or -1 if it would exceed INT_MAX. */
int fmt_vformat(fmt_sink_fn sink, void *ctx, const char *fmt, va_list ap);

/*
 * C99 snprintf: stores at most size - 1 characters and a NUL (when size > 0)
 * and returns the length the whole output would have had.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* TESSERA_FMT_H */
