/*
 * The one process a unikernel runs: loading a Linux executable (static,
 * static-PIE, or dynamic with its interpreter) into the lower half, its
 * initial stack, and the process-wide state syscalls report (ids, limits,
 * environment).
 */
#ifndef TESSERA_PROCESS_H
#define TESSERA_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Replace the kernel's context by the program at path (a guest path), with
 * argv and the environment from env= kernel options.  Returns only on
 * failure: a negative errno, after a one-line message on stderr.
 */
int process_exec(const char *path, char *const argv[]);

/*
 * Start the program linked into the image (an application and its C
 * library, built against musl) at entry, with argv and the environment, as
 * process_exec starts one from a file.  Returns only on failure.
 */
int process_start_linked(uintptr_t entry, char *const argv[]);

/* End the current process with status (exit_group): the machine, for the first one. */
__attribute__((noreturn)) void process_exit(int status);
/* The current process's id and its parent's. */
int process_pid(void);
int process_ppid(void);

/* The current process's nice value, -20..19 (getpriority, /proc/self/stat). */
int process_nice(void);

/* The current process's capability sets (bit n: capability n). */
void process_get_caps(uint64_t *effective, uint64_t *permitted, uint64_t *inheritable);

/* The loaded program's path (/proc/self/exe) or NULL. */
const char *process_exe_path(void);

/*
 * Where exec put things in the program's memory, as Linux's mm_struct
 * records them: /proc/self/cmdline, environ and auxv are read from there,
 * so that a program that rewrites its argv (setproctitle) is seen doing so.
 * Ends are exclusive.  NULL before exec.
 */
struct process_areas {
	uintptr_t start_code, end_code, start_data, end_data; /* the program's segments */
	uintptr_t start_brk;
	uintptr_t start_stack; /* the initial stack pointer, at argc */
	uintptr_t arg_start, arg_end;   /* argv strings, each with its NUL */
	uintptr_t env_start, env_end;   /* environment strings */
	uintptr_t auxv_start, auxv_end; /* the auxiliary vector, AT_NULL included */
};
const struct process_areas *process_areas(void);

/* The command name (comm): the program's file name or what PR_SET_NAME set; <= 15 chars. */
const char *process_comm(void);
void process_set_comm(const char *name);

/* What uname() reports; the host name as sethostname() sets it. */
struct new_utsname;
const struct new_utsname *process_uname(void);
int process_set_hostname(const char *name, size_t len);

/* Resource limit RLIMIT_*: soft and hard values (RLIM64_INFINITY: none). */
int process_get_rlimit(unsigned int resource, uint64_t *cur, uint64_t *max);

/* User and group ids: real, effective, saved. */
void process_get_ids(uint32_t uid[3], uint32_t gid[3]);

#endif
