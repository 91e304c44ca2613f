/*
 * Booting Tessera images under QEMU -M microvm: the plumbing shared by
 * `tessera run` (run.c) and, later, the OCI runtime.
 *
 * Wiring: COM1 (16550) is the program's stdin/stdout through QEMU's stdio
 * chardev; a debugcon on port 0xe9 carries its stderr and the kernel log; a
 * second debugcon on port 0x402, the control port, receives the final
 * "exit N" or "crash N" line, since QEMU's own exit code (2N+1 from
 * isa-debug-exit, truncated to 8 bits) cannot carry statuses above 127.
 */
#ifndef TESSERA_VM_H
#define TESSERA_VM_H

#include <stdbool.h>
#include <stddef.h>

#define VM_DEFAULT_MEMORY_MIB 64
#define VM_MIN_MEMORY_MIB     2
#define VM_STATUS_INTERRUPTED 130
#define VM_STATUS_TIMEOUT     124

enum vm_accel { VM_ACCEL_TCG, VM_ACCEL_KVM };

struct vm_config {
	const char *qemu;
	const char *image;
	unsigned long memory_mib;
	enum vm_accel accel;
	const char *cmdline;
	const char *control_path;
	bool icount;
};

/* "64", "64M", "64MiB", "1G" -> MiB; 0 when malformed or below VM_MIN_MEMORY_MIB. */
unsigned long vm_parse_memory(const char *text);

/*
 * The kernel command line: options, then "--" and every argument quoted for
 * lib/cmdline ('...', with ' written as '\'').  Returns a malloc'd string.
 */
char *vm_kernel_cmdline(const char *options, char *const argv[], int argc);

/* QEMU's argv for cfg, NULL-terminated and malloc'd (the strings are cfg's or static). */
char **vm_qemu_argv(const struct vm_config *cfg);

/* The last line of the control port, if it says "exit N" or "crash N". */
enum vm_outcome_kind { VM_EXITED, VM_CRASHED, VM_NO_REPORT };
struct vm_outcome {
	enum vm_outcome_kind kind;
	int status;
};
struct vm_outcome vm_parse_control(const char *text);

/*
 * The program's status from the control port's report, else from how QEMU
 * ended; *message gets a one-line explanation when there is something to
 * say (a crash, an interruption), else NULL.
 */
int vm_exit_status(struct vm_outcome outcome, int wait_status, bool interrupted,
		   const char **message);

/* Find qemu-system-x86_64 on PATH; NULL if absent. Returns a malloc'd path. */
char *vm_find_qemu(void);

/* KVM when a probe guest runs correctly under it (verdict cached), else TCG. */
enum vm_accel vm_choose_accel(const char *qemu, bool refresh, const char **reason);

#endif /* TESSERA_VM_H */
