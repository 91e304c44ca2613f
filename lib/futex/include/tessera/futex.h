/*
 * Futexes, for the libraries that end threads: the wake-ups Linux performs
 * on a thread's exit (clear-child-tid, robust lists).  The futex and
 * futex_waitv syscalls themselves are defined by this library.
 */
#ifndef TESSERA_FUTEX_H
#define TESSERA_FUTEX_H

#include <stdint.h>

/* Wake up to nr threads waiting on the futex at uaddr (in the current address space). */
int futex_wake_address(uint32_t *uaddr, int nr);

/*
 * A thread with id tid is exiting: mark every robust futex still on the
 * list at head (registered with set_robust_list) as its owner died, and wake
 * one waiter of each, as Linux does.
 */
void futex_exit_robust_list(uintptr_t head, int tid);

#endif
