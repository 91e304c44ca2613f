/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs one command under ptrace with a seccomp filter that hands chosen
 * syscalls to the tracer. The tracer counts them per number, notes the
 * special files opened, and can replace one syscall by an ENOSYS stub or
 * a faked success. Only processes whose executable is in scope count.
 */
#ifndef TS_TRACE_H
#define TS_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "sysset.h"

enum inject_mode {
	INJECT_NONE,
	INJECT_STUB, /* return -ENOSYS without running the syscall */
	INJECT_FAKE, /* return 0 without running the syscall */
};

#define TRACE_MAX_PATHS 64
#define TRACE_PATH_LEN	120

/* Filled by the tracer process: it lives in memory shared with the caller. */
struct trace_result {
	int root_status; /* wait status of the started command, -1 while it runs */
	uint64_t counts[SYSCALL_MAX];
	uint64_t injected;
	int npaths;
	char paths[TRACE_MAX_PATHS][TRACE_PATH_LEN];
};

struct trace_spec {
	const char *command;	  /* run by /bin/sh -c */
	const char *const *scope; /* NULL-terminated executable names, NULL for all */
	int target_nr;		  /* syscall to replace, or -1 */
	enum inject_mode mode;
	bool count_all;		 /* stop on every syscall, not just the target */
	const char *stdout_path; /* files receiving the command's output */
	const char *stderr_path;
};

/* Lists a special file (/dev, /proc, /sys) once; other paths are ignored. */
void trace_add_path(struct trace_result *r, const char *path);
/* Forks the tracer; returns its pid. SIGTERM to it stops the command. */
pid_t trace_start(const struct trace_spec *spec, struct trace_result *result);

#endif
