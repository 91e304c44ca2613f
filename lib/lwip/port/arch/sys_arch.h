/*
 * lwIP's operating-system layer on Tessera: semaphores and mutexes are
 * Tessera's, a mailbox is a ring with two wait queues, a thread is a
 * Tessera thread, and SYS_ARCH_PROTECT masks interrupts (the only other
 * context: sys_mbox_trypost_fromisr() from a device's interrupt).
 */
#ifndef TESSERA_LWIP_ARCH_SYS_ARCH_H
#define TESSERA_LWIP_ARCH_SYS_ARCH_H

#include <stdbool.h>
#include <tessera/arch/irq.h>
#include <tessera/mutex.h>
#include <tessera/semaphore.h>

typedef struct {
	struct semaphore sem;
	bool valid;
} sys_sem_t;

typedef struct {
	struct mutex mutex;
	bool valid;
} sys_mutex_t;

struct sys_mbox;
typedef struct sys_mbox *sys_mbox_t;
typedef struct thread *sys_thread_t;
typedef irq_flags_t sys_prot_t;

#define sys_sem_valid(s)          ((s)->valid)
#define sys_sem_set_invalid(s)    ((s)->valid = false)
#define sys_mutex_valid(m)        ((m)->valid)
#define sys_mutex_set_invalid(m)  ((m)->valid = false)
#define sys_mbox_valid(m)         (*(m) != NULL)
#define sys_mbox_set_invalid(m)   (*(m) = NULL)

#endif
