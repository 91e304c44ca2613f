/* SPDX-License-Identifier: BSD-3-Clause */
/* Recipe steps are shell snippets; this runs one with a deadline. */
#ifndef TS_SHELL_H
#define TS_SHELL_H

#include <stdbool.h>

#define SHELL_TIMED_OUT (-1)
#define SHELL_ABANDONED (-2)

/* Polled while the command runs: true to stop waiting for it. */
struct shell_watch {
	bool (*give_up)(void *ctx);
	void *ctx;
};

/*
 * Runs "/bin/sh -c command" in its own process group with stdout and
 * stderr appended to log_path. Returns its exit code (128 + signal if
 * killed), or SHELL_TIMED_OUT / SHELL_ABANDONED after killing it at
 * deadline_ms or when watch (may be NULL) gives up.
 */
int shell_run(const char *command, const char *log_path, long deadline_ms,
	      const struct shell_watch *watch);

#endif
