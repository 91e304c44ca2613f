/*
 * lwIP's operating-system layer (see port/arch/sys_arch.h): time, locks,
 * semaphores, mailboxes and threads over Tessera's scheduler.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/plat/time.h>
#include <tessera/random.h>
#include <tessera/sched.h>
#include "lwip/sys.h"

struct sys_mbox {
	struct waitq not_empty, not_full;
	unsigned int size, head, count;
	void *slots[];
};

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return plat_clock_ns() / NSEC_PER_MSEC;
}

u32_t lwip_port_rand(void)
{
	return (u32_t)random_u64();
}

void *lwip_port_malloc(size_t size)
{
	return alloc_malloc(alloc_default(), size);
}

void *lwip_port_calloc(size_t n, size_t size)
{
	return alloc_calloc(alloc_default(), n, size);
}

void lwip_port_free(void *ptr)
{
	alloc_free(alloc_default(), ptr);
}

sys_prot_t sys_arch_protect(void)
{
	return irq_save();
}

void sys_arch_unprotect(sys_prot_t flags)
{
	irq_restore(flags);
}

/* A timeout in milliseconds (0: forever) as a monotonic deadline (0: none). */
static uint64_t deadline_after(u32_t timeout_ms)
{
	return timeout_ms ? plat_clock_ns() + timeout_ms * NSEC_PER_MSEC : 0;
}

static u32_t ms_since(uint64_t start_ns)
{
	return (plat_clock_ns() - start_ns) / NSEC_PER_MSEC;
}

err_t sys_mutex_new(sys_mutex_t *m)
{
	mutex_init(&m->mutex);
	m->valid = true;
	return ERR_OK;
}

void sys_mutex_lock(sys_mutex_t *m)
{
	mutex_lock(&m->mutex);
}

void sys_mutex_unlock(sys_mutex_t *m)
{
	mutex_unlock(&m->mutex);
}

void sys_mutex_free(sys_mutex_t *m)
{
	m->valid = false;
}

err_t sys_sem_new(sys_sem_t *s, u8_t count)
{
	semaphore_init(&s->sem, count);
	s->valid = true;
	return ERR_OK;
}

void sys_sem_signal(sys_sem_t *s)
{
	semaphore_up(&s->sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *s, u32_t timeout_ms)
{
	uint64_t start = plat_clock_ns();

	if (semaphore_down_until(&s->sem, deadline_after(timeout_ms)))
		return SYS_ARCH_TIMEOUT;
	return ms_since(start);
}

void sys_sem_free(sys_sem_t *s)
{
	s->valid = false;
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	struct sys_mbox *m;

	if (size <= 0)
		size = TCPIP_MBOX_SIZE;
	m = alloc_calloc(alloc_default(), 1, sizeof(*m) + size * sizeof(void *));
	if (!m)
		return ERR_MEM;
	waitq_init(&m->not_empty);
	waitq_init(&m->not_full);
	m->size = size;
	*mbox = m;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	alloc_free(alloc_default(), *mbox);
	*mbox = NULL;
}

/* Interrupts off; there is room. */
static void put(struct sys_mbox *m, void *msg)
{
	m->slots[(m->head + m->count++) % m->size] = msg;
	waitq_wake_one(&m->not_empty);
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	struct sys_mbox *m = *mbox;
	irq_flags_t flags = irq_save();

	while (m->count == m->size)
		waitq_wait(&m->not_full, 0);
	put(m, msg);
	irq_restore(flags);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	struct sys_mbox *m = *mbox;
	irq_flags_t flags = irq_save();
	err_t err = ERR_MEM;

	if (m->count < m->size) {
		put(m, msg);
		err = ERR_OK;
	}
	irq_restore(flags);
	return err;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

/* Interrupts off; there is a message. */
static void *take(struct sys_mbox *m)
{
	void *msg = m->slots[m->head];

	m->head = (m->head + 1) % m->size;
	m->count--;
	waitq_wake_one(&m->not_full);
	return msg;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout_ms)
{
	struct sys_mbox *m = *mbox;
	uint64_t start = plat_clock_ns(), deadline = deadline_after(timeout_ms);
	irq_flags_t flags = irq_save();
	void *got;

	while (m->count == 0) {
		if (waitq_wait(&m->not_empty, deadline) && m->count == 0) {
			irq_restore(flags);
			return SYS_ARCH_TIMEOUT;
		}
	}
	got = take(m);
	irq_restore(flags);
	if (msg)
		*msg = got;
	return ms_since(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	struct sys_mbox *m = *mbox;
	irq_flags_t flags = irq_save();
	void *got = NULL;
	bool empty = m->count == 0;

	if (!empty)
		got = take(m);
	irq_restore(flags);
	if (empty)
		return SYS_MBOX_EMPTY;
	if (msg)
		*msg = got;
	return 0;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize,
			    int prio)
{
	struct thread *t = thread_create(name, fn, arg, stacksize);

	(void)prio; /* one priority: the scheduler's round robin */
	LWIP_ASSERT("sys_thread_new: out of memory", t != NULL);
	return t;
}
