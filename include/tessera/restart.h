/*
 * What a syscall returns when a signal interrupted its wait (the program
 * never sees these): on the way back to application code, lib/signal turns
 * them into -EINTR or restarts the call, with Linux's codes and rules.
 */
#ifndef TESSERA_RESTART_H
#define TESSERA_RESTART_H

#define ERESTARTSYS    512 /* restart unless a handler without SA_RESTART runs */
#define ERESTARTNOINTR 513 /* always restart */
#define ERESTARTNOHAND 514 /* restart only if no handler runs */
#define ERESTART_RESTARTBLOCK 516 /* if no handler runs, resume through restart_syscall */

#include <stdint.h>

/*
 * How restart_syscall resumes a wait that counts down (nanosleep, poll,
 * timed futex waits) with the time left, not the whole timeout again: the
 * interrupted call sets its thread's block (struct thread's restart) and
 * returns -ERESTART_RESTARTBLOCK; if no handler runs, the program finds
 * itself making restart_syscall, which calls fn.  A handler's rt_sigreturn
 * empties the block, so that a restart_syscall then fails with EINTR.
 */
struct restart_block {
	long (*fn)(struct restart_block *rb); /* NULL: nothing to resume */
	uint64_t deadline;		       /* the wait's end, monotonic ns */
	unsigned long arg[4];		       /* the call's other arguments */
};

#endif
