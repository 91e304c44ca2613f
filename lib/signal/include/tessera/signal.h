/*
 * Signals: the process's dispositions, mask and alternate stack, as
 * rt_sigaction, rt_sigprocmask and sigaltstack keep them.
 */
#ifndef TESSERA_SIGNAL_H
#define TESSERA_SIGNAL_H

#include <stdint.h>

#define NSIG_LINUX 64

/* Linux's kernel-side struct sigaction for x86_64 (rt_sigaction's layout). */
struct kernel_sigaction {
	uintptr_t handler; /* SIG_DFL (0), SIG_IGN (1) or a function */
	unsigned long flags;
	uintptr_t restorer;
	uint64_t mask;
};

/* The disposition of sig (1..64). */
const struct kernel_sigaction *signal_action(int sig);
uint64_t signal_blocked(void);

#endif
