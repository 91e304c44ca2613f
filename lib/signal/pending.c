/*
 * Pending signals.  Each thread has its own set (tgkill, faults) and its
 * process a shared one (kill, timers).  A standard signal is pending at
 * most once (sending it again changes nothing); real-time signals queue,
 * each with its information, and leave in order.  A thread that does not
 * block a signal pending for it is told so (thread_set_signal_pending):
 * its interruptible waits end, and signal_deliver() runs before it resumes
 * application code.  A shared signal is given to one such thread, the
 * main thread if it can take it, as Linux's complete_signal does.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include "signal_internal.h"

void sigpending_init(struct sigpending *q)
{
	q->set = 0;
	list_init(&q->queue);
}

static void entry_free(struct sigqueue *e)
{
	list_del(&e->link);
	if (!e->preallocated)
		alloc_free(alloc_default(), e);
}

void sigpending_flush(struct sigpending *q, uint64_t mask)
{
	struct sigqueue *e, *next;

	list_for_each_entry_safe(e, next, &q->queue, link) {
		if (mask & SIGNAL_BIT(e->info.si_signo))
			entry_free(e);
	}
	q->set &= ~mask;
}

static int lowest(uint64_t set)
{
	return set ? __builtin_ctzll(set) + 1 : 0;
}

int sigpending_take(struct sigpending *q, uint64_t mask, siginfo_t *info)
{
	uint64_t ready = q->set & mask;
	int sig = lowest(ready & SYNCHRONOUS_MASK) ?: lowest(ready);
	struct sigqueue *e, *found = NULL;
	bool more = false;

	if (!sig)
		return 0;
	list_for_each_entry(e, &q->queue, link) {
		if (e->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		found = e;
	}
	if (found) {
		*info = found->info;
		found->overrun_last = found->info.si_overrun;
		entry_free(found);
	} else {
		/* Queued without its information (memory was short): as Linux, from the kernel. */
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	if (!more)
		q->set &= ~SIGNAL_BIT(sig);
	return sig;
}

void signal_recalc_locked(struct signal_thread *t)
{
	uint64_t ready = (t->pending.set | t->process->shared.set) & ~t->blocked;

	thread_set_signal_pending(t->thread, ready != 0);
}

/* The thread that takes a shared signal: as Linux, the main thread if it can, else the first that can. */
static struct signal_thread *shared_target(struct signal_process *p, int sig)
{
	struct signal_thread *t;

	list_for_each_entry(t, &p->threads, link) {
		if (!(t->blocked & SIGNAL_BIT(sig)))
			return t;
	}
	return NULL;
}

void signal_retarget_locked(struct signal_thread *t, uint64_t newly_blocked)
{
	uint64_t shared = t->process->shared.set & newly_blocked;

	while (shared) {
		int sig = lowest(shared);
		struct signal_thread *to = shared_target(t->process, sig);

		if (to)
			thread_set_signal_pending(to->thread, true);
		shared &= ~SIGNAL_BIT(sig);
	}
}

/* SIGCONT and the stop signals cancel each other's pending instances, as on Linux. */
static void cancel_opposites(struct signal_process *p, int sig)
{
	uint64_t stops = SIGNAL_BIT(SIGSTOP) | SIGNAL_BIT(SIGTSTP) | SIGNAL_BIT(SIGTTIN) |
			 SIGNAL_BIT(SIGTTOU);
	uint64_t cancel = sig == SIGCONT ? stops : (stops & SIGNAL_BIT(sig)) ? SIGNAL_BIT(SIGCONT) : 0;
	struct signal_thread *t;

	if (!cancel)
		return;
	sigpending_flush(&p->shared, cancel);
	list_for_each_entry(t, &p->threads, link)
		sigpending_flush(&t->pending, cancel);
}

void signal_queue_locked(struct signal_process *p, struct signal_thread *t,
			 struct sigqueue *entry, const siginfo_t *info)
{
	struct sigpending *q = t ? &t->pending : &p->shared;
	int sig = info->si_signo;
	struct signal_thread *target;

	cancel_opposites(p, sig);
	if (entry) {
		if (&entry->info != info)
			entry->info = *info;
		list_add_tail(&entry->link, &q->queue);
	}
	q->set |= SIGNAL_BIT(sig);
	if (sig == SIGKILL) {
		/* Every thread must see it: it ends the process whatever the masks say. */
		list_for_each_entry(target, &p->threads, link)
			thread_set_signal_pending(target->thread, true);
	} else {
		target = t ? t : shared_target(p, sig);
		if (target && !(target->blocked & SIGNAL_BIT(sig)))
			thread_set_signal_pending(target->thread, true);
	}
	waitq_wake_all(&p->signalfd_wq);
}

static int send(struct signal_process *p, struct signal_thread *t, const siginfo_t *info)
{
	int sig = info->si_signo;
	struct sigqueue *entry = alloc_malloc(alloc_default(), sizeof(*entry));
	struct sigpending *q = t ? &t->pending : &p->shared;
	irq_flags_t flags;

	if (entry) {
		list_init(&entry->link);
		entry->preallocated = false;
	}
	flags = spin_lock_irqsave(&signal_lock);
	if (signal_ignored(p, t ? t : shared_target(p, sig), sig) ||
	    (sig < SIGRTMIN && (q->set & SIGNAL_BIT(sig)))) {
		spin_unlock_irqrestore(&signal_lock, flags);
		alloc_free(alloc_default(), entry);
		return 0;
	}
	if (!entry && sig >= SIGRTMIN) {
		spin_unlock_irqrestore(&signal_lock, flags);
		return -EAGAIN;
	}
	signal_queue_locked(p, t, entry, info);
	spin_unlock_irqrestore(&signal_lock, flags);
	return 0;
}

int signal_send_thread(struct thread *t, const siginfo_t *info)
{
	struct signal_thread *st = t->signals;

	return st ? send(st->process, st, info) : -ESRCH;
}

int signal_send_process(struct thread *t, const siginfo_t *info)
{
	struct signal_thread *st = t->signals;

	return st ? send(st->process, NULL, info) : -ESRCH;
}

void signal_raise(int sig)
{
	siginfo_t info = {.si_signo = sig, .si_code = SI_USER};

	if (thread_current()->signals)
		signal_send_thread(thread_current(), &info);
}

void signal_send_timer(struct signal_process *p, struct signal_thread *t, struct sigqueue *entry)
{
	struct sigpending *q = t ? &t->pending : &p->shared;
	int sig = entry->info.si_signo;

	spin_lock(&signal_lock);
	if (!signal_ignored(p, t, sig) && !(sig < SIGRTMIN && (q->set & SIGNAL_BIT(sig))))
		signal_queue_locked(p, t, entry, &entry->info);
	spin_unlock(&signal_lock);
}

uint64_t signal_pending_in(uint64_t mask)
{
	struct signal_thread *self = signal_self();
	irq_flags_t flags = spin_lock_irqsave(&signal_lock);
	uint64_t set = (self->pending.set | self->process->shared.set) & mask;

	spin_unlock_irqrestore(&signal_lock, flags);
	return set;
}

int signal_dequeue_in(uint64_t mask, siginfo_t *info)
{
	struct signal_thread *self = signal_self();
	irq_flags_t flags = spin_lock_irqsave(&signal_lock);
	int sig = sigpending_take(&self->pending, mask, info) ?:
		  sigpending_take(&self->process->shared, mask, info);

	signal_recalc_locked(self);
	spin_unlock_irqrestore(&signal_lock, flags);
	return sig;
}
