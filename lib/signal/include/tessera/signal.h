/*
 * Signals: the process's dispositions, mask and alternate stack, as
 * rt_sigaction, rt_sigprocmask and sigaltstack keep them.
 */
#ifndef TESSERA_SIGNAL_H
#define TESSERA_SIGNAL_H

#include <stddef.h>
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

/*
 * ppoll, pselect6, epoll_pwait: block the application's mask user_mask
 * (sigsetsize bytes; NULL keeps the current mask) for the length of a wait,
 * as Linux's set_user_sigmask: -EINVAL unless sigsetsize is 8, -EFAULT on a
 * bad pointer.  *saved is what signal_wait_mask_restore() puts back.
 */
int signal_wait_mask_set(const uint64_t *user_mask, size_t sigsetsize, uint64_t *saved);
void signal_wait_mask_restore(uint64_t saved);

#endif
