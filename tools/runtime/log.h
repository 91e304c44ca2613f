/*
 * How tessera-runtime reports, as runc does: an error is one JSON line
 * {"level":"error","msg":"...","time":"..."} appended to the --log file
 * (plain text with --log-format text), the same message on stderr, and a
 * non-zero exit status.  containerd's shim shows the message to its caller.
 */
#ifndef TESSERA_RUNTIME_LOG_H
#define TESSERA_RUNTIME_LOG_H

#include <stdbool.h>
#include <stddef.h>

void log_open(const char *path, bool json);
/* The time in RFC 3339 with nanoseconds, UTC, as Go writes it (runc's log and state). */
void now_rfc3339(char *buf, size_t len);
__attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...);

#endif
