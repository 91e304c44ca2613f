/*
 * The one process a unikernel runs: loading a Linux executable (static,
 * static-PIE, or dynamic with its interpreter) into the lower half, its
 * initial stack, and the process-wide state syscalls report (ids, limits,
 * environment).
 */
#ifndef TESSERA_PROCESS_H
#define TESSERA_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Replace the kernel's context by the program at path (a guest path), with
 * argv and the environment from env= kernel options.  Returns only on
 * failure: a negative errno, after a one-line message on stderr.
 */
int process_exec(const char *path, char *const argv[]);

/* The loaded program's path (/proc/self/exe) or NULL. */
const char *process_exe_path(void);

#endif
