/* Shared by the parts of lib/futex. */
#ifndef LIB_FUTEX_INTERNAL_H
#define LIB_FUTEX_INTERNAL_H

#include "queue.h"

/* The key of the futex at uaddr: -EINVAL if misaligned, -EFAULT if shared and unmapped. */
int futex_get_key(uint32_t *uaddr, bool shared, struct futex_key *key);
/*
 * Read the futex word with b locked (*flags from spin_lock_irqsave): 0, or
 * -EFAULT, b then unlocked, when faulting the page in failed too.
 */
int futex_read_word_locked(struct futex_bucket *b, uint32_t *uaddr, uint32_t *value,
			   irq_flags_t *flags);
/* Make the page of uaddr present and writable: 0 or -EFAULT. */
int futex_fault_in_writable(uint32_t *uaddr);

#endif
