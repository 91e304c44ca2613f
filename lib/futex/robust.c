/*
 * Robust futexes: when a thread ends, every lock on the list it registered
 * (set_robust_list) that still names it as owner gets FUTEX_OWNER_DIED, and
 * one waiter is woken, so that the next locker can recover the lock.  The
 * walk follows Linux's: the pending entry (a lock being taken or released)
 * is handled last, at most 2048 entries, bit 0 of a pointer marks a PI lock
 * (whose waiters Linux wakes elsewhere: not here, there are none).
 */
#include <linux/futex.h>
#include <tessera/futex.h>
#include <tessera/uaccess.h>
#include "futex_internal.h"

#define ROBUST_LIST_LIMIT 2048

/* struct robust_list_head, as the application lays it out. */
struct robust_head {
	uintptr_t next;
	long futex_offset;
	uintptr_t pending;
};

static int fetch_entry(uintptr_t *entry, bool *pi, const uintptr_t *from)
{
	uintptr_t value;

	if (copy_from_user(&value, from, sizeof(value)))
		return -EFAULT;
	*entry = value & ~1UL;
	*pi = value & 1;
	return 0;
}

/* -1 stops the walk (a fault), as in Linux. */
static int owner_died(uint32_t *uaddr, int tid, bool pi, bool pending)
{
	uint32_t seen, old;

	if ((uintptr_t)uaddr % sizeof(uint32_t))
		return -1;
	if (copy_from_user(&seen, uaddr, sizeof(seen)))
		return -1;
	do {
		old = seen;
		/* A lock being released when the thread died may have waiters to pass it to. */
		if (pending && !pi && !(old & FUTEX_TID_MASK)) {
			futex_wake_address(uaddr, 1);
			return 0;
		}
		if ((int)(old & FUTEX_TID_MASK) != tid)
			return 0;
		while (arch_cmpxchg_user_u32(uaddr, &seen, (old & FUTEX_WAITERS) | FUTEX_OWNER_DIED)) {
			if (futex_fault_in_writable(uaddr))
				return -1;
			seen = old;
		}
	} while (seen != old);
	if (!pi && (old & FUTEX_WAITERS))
		futex_wake_address(uaddr, 1);
	return 0;
}

void futex_exit_robust_list(uintptr_t head_addr, int tid)
{
	struct robust_head head;
	uintptr_t entry, next, pending;
	bool pi, next_pi, pending_pi;
	unsigned int limit = ROBUST_LIST_LIMIT;
	int err;

	if (!head_addr || copy_from_user(&head, (void *)head_addr, sizeof(head)))
		return;
	entry = head.next & ~1UL;
	pi = head.next & 1;
	pending = head.pending & ~1UL;
	pending_pi = head.pending & 1;
	while (entry != head_addr) {
		err = fetch_entry(&next, &next_pi, (const uintptr_t *)entry);
		if (entry != pending &&
		    owner_died((uint32_t *)(entry + head.futex_offset), tid, pi, false))
			return;
		if (err)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		owner_died((uint32_t *)(pending + head.futex_offset), tid, pending_pi, true);
}
