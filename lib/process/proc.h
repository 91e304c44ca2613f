/* Process records (proc.c), shared with wait.c. */
#ifndef LIB_PROCESS_PROC_H
#define LIB_PROCESS_PROC_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/list.h>
#include <tessera/waitq.h>

#define PROCESS_MAX_STATE_HOOKS 16

struct process {
	int pid;
	int pgid, sid; /* process group and session */
	struct process *parent;
	struct thread *main;
	bool ended;
	int wait_status;           /* as wait4 reports it */
	uintptr_t clear_tid;
	struct waitq ended_wq;     /* the parent, waiting in fork */
	struct list_head children; /* ended, not yet waited for */
	struct list_head sibling;
	void *saved[PROCESS_MAX_STATE_HOOKS]; /* the parent's state while this child runs */
};

struct process *process_current(void);
/* The process pid among those this one can see (itself, its ancestors, its ended children), or NULL. */
struct process *process_find(int pid);
long process_fork(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls);

#endif
