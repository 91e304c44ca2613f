/* SPDX-License-Identifier: BSD-3-Clause */
/* One-line error reporting: every user-facing failure goes through here. */
#ifndef TS_FAIL_H
#define TS_FAIL_H

/* Exit codes: 1 for a failed analysis, 2 for bad input. */
#define EXIT_BAD_INPUT 2

void warn_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void __attribute__((noreturn, format(printf, 2, 3))) die(int code, const char *fmt, ...);

#endif
