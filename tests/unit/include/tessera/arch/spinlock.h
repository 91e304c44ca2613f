/*
 * Host stand-in for <tessera/arch/spinlock.h>: the unit tests run on one
 * thread, so a lock only has to be taken and released in pairs, which a
 * failed ASSERT() reports.
 */
#ifndef TESSERA_ARCH_SPINLOCK_H
#define TESSERA_ARCH_SPINLOCK_H

#include <stdbool.h>
#include <tessera/arch/irq.h>
#include <tessera/assert.h>

typedef struct {
	bool locked;
} spinlock_t;

#define SPINLOCK_INIT {false}

/* What the real header brings along from <tessera/arch/cpu.h>. */
static inline void cpu_relax(void)
{
}

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = false;
}

static inline void spin_lock(spinlock_t *l)
{
	ASSERT(!l->locked);
	l->locked = true;
}

static inline void spin_unlock(spinlock_t *l)
{
	ASSERT(l->locked);
	l->locked = false;
}

static inline irq_flags_t spin_lock_irqsave(spinlock_t *l)
{
	spin_lock(l);
	return 0;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, irq_flags_t flags)
{
	(void)flags;
	spin_unlock(l);
}

#endif
