/*
 * Spinlocks: short critical sections shared with interrupt handlers and,
 * later, other CPUs.  spin_lock_irqsave() disables interrupts on this CPU
 * and then takes the lock, so a handler that wants the same lock can never
 * interrupt its holder; callers never rely on "interrupts are off" alone.
 * Nothing may sleep while holding one.  With one CPU a held lock can only be
 * a bug (the holder cannot run until we stop spinning), so a lock that stays
 * held for about a second of spinning stops the machine with a report
 * instead of hanging it.
 */
#ifndef TESSERA_ARCH_SPINLOCK_H
#define TESSERA_ARCH_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/irq.h>
#include <tessera/printk.h>

typedef struct {
	uint32_t locked;
} spinlock_t;

#define SPINLOCK_INIT {0}
#define SPIN_LOCKUP_TRIES (1UL << 27)

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline bool spin_trylock(spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

/* For callers that already run with interrupts disabled. */
static inline void spin_lock(spinlock_t *l)
{
	unsigned long tries = 0;

	while (!spin_trylock(l)) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED)) {
			cpu_relax();
			if (++tries == SPIN_LOCKUP_TRIES)
				panic("spinlock %p: lockup (taken twice?)", (void *)l);
		}
	}
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline irq_flags_t spin_lock_irqsave(spinlock_t *l)
{
	irq_flags_t flags = irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, irq_flags_t flags)
{
	spin_unlock(l);
	irq_restore(flags);
}

#endif /* TESSERA_ARCH_SPINLOCK_H */
