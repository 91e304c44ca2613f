/*
 * How tessera-runtime reports, as runc does: an error is one JSON line
 * {"level":"error","msg":"...","time":"..."} appended to the --log file
 * (plain text with --log-format text), the same message on stderr, and a
 * non-zero exit status.  containerd's shim shows the message to its caller.
 */
#ifndef TESSERA_RUNTIME_LOG_H
#define TESSERA_RUNTIME_LOG_H

#include <stdbool.h>

void log_open(const char *path, bool json);
__attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...);

#endif
