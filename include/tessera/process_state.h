/*
 * Per-process state kept by the libraries that own it (memory map,
 * descriptors, current directory, signal dispositions, ids), and how it
 * takes part in fork and exec.
 *
 * A unikernel has one address space, so fork runs the child while its
 * parent waits: at fork each library saves the parent's state (the live
 * state goes on as the child's copy), and when the child's process ends it
 * throws the live state away and puts the saved one back.  Each library
 * registers once with PROCESS_STATE(); nothing else needs to know.
 */
#ifndef TESSERA_PROCESS_STATE_H
#define TESSERA_PROCESS_STATE_H

#include <tessera/compiler.h>

/* What the child shares with its parent (clone flags), so that its hook can skip the save. */
#define PROCESS_SHARES_MEMORY (1u << 0) /* CLONE_VM */
#define PROCESS_SHARES_FILES  (1u << 1) /* CLONE_FILES */
#define PROCESS_SHARES_FS     (1u << 2) /* CLONE_FS */
#define PROCESS_SHARES_SIGNALS (1u << 3) /* CLONE_SIGHAND */

struct process_state_ops {
	const char *name;
	/* Save the parent's state; the live one becomes the child's.  NULL means nothing to restore. */
	int (*save)(unsigned int shares, void **saved);
	/* The child's process is gone: drop the live state, reinstate saved. */
	void (*restore)(void *saved);
	/* A new program replaces the current one (execve): reset what exec resets. */
	void (*exec)(void);
};

#define PROCESS_STATE(_name, _save, _restore, _exec)                                               \
	static const struct process_state_ops __process_state_##_name __used                       \
		__section(".process_state") __aligned(sizeof(void *)) = {                          \
			.name = #_name, .save = _save, .restore = _restore, .exec = _exec}

#endif
