/*
 * Threads: creation with a guarded stack (stack_alloc), exit, join or
 * detach.  The trap code is told each running thread's stack bottom (see
 * schedule.c), so that a fault on its guard page is reported as a stack
 * overflow.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/context.h>
#include <tessera/arch/stacks.h>
#include <tessera/arch/user_state.h>
#include <tessera/assert.h>
#include <tessera/boot.h>
#include <tessera/metrics.h>
#include <tessera/printk.h>
#include "sched_internal.h"

static struct thread boot_thread;
static int next_id = 1;

METRIC_GAUGES(threads, "tessera_sched_threads",
	      "Threads by state: runnable (running or waiting for the CPU), blocked, exited (not yet joined)",
	      "state", [THREAD_RUNNABLE] = "runnable", [THREAD_BLOCKED] = "blocked",
	      [THREAD_EXITED] = "exited");

void thread_set_state(struct thread *t, enum thread_state state)
{
	metric_sub(threads[t->state], 1);
	metric_add(threads[state], 1);
	t->state = state;
}

static void init_thread(struct thread *t, const char *name, enum thread_state state)
{
	strncpy(t->name, name, sizeof(t->name) - 1);
	t->id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
	t->state = state;
	metric_add(threads[state], 1);
	list_init(&t->run_link);
	block_init_thread(t);
	waitq_init(&t->joiners);
}

/* A new thread's first instructions, entered from schedule() with the lock held. */
static void thread_start(void *arg)
{
	struct thread *t = arg;

	schedule_tail();
	spin_unlock(&sched_lock);
	irq_enable();
	t->fn(t->arg);
	thread_exit();
}

struct thread *thread_new(const char *name, void (*fn)(void *), void *arg, size_t stack_size)
{
	struct thread *t = alloc_calloc(alloc_default(), 1, sizeof(*t));

	if (!t)
		return NULL;
	stack_size = MAX(ALIGN_UP(stack_size ?: THREAD_DEFAULT_STACK_SIZE, PAGE_SIZE), 2 * PAGE_SIZE);
	t->stack = stack_alloc(stack_size);
	if (!t->stack) {
		alloc_free(alloc_default(), t);
		return NULL;
	}
	init_thread(t, name, THREAD_BLOCKED); /* until thread_run */
	t->stack_size = stack_size - PAGE_SIZE;
	t->owns_stack = true;
	t->fn = fn;
	t->arg = arg;
	t->sp = arch_context_init(t->stack + t->stack_size, thread_start, t);
	return t;
}

void thread_run(struct thread *t)
{
	thread_wake(t);
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg, size_t stack_size)
{
	struct thread *t = thread_new(name, fn, arg, stack_size);

	if (t)
		thread_run(t);
	return t;
}

void thread_free(struct thread *t)
{
	metric_sub(threads[THREAD_EXITED], 1);
	arch_user_state_free(t->user);
	t->user = NULL;
	if (t->owns_stack) {
		stack_free(t->stack, t->stack_size);
		alloc_free(alloc_default(), t);
	}
}

/*
 * Joiners are woken once the thread counts as exited; it leaves the CPU
 * right after.  (With several CPUs, a joiner will also have to wait for
 * that switch before freeing the stack.)
 */
void thread_exit(void)
{
	struct thread *self = current_thread;

	irq_disable();
	spin_lock(&sched_lock);
	thread_set_state(self, THREAD_EXITED);
	spin_unlock(&sched_lock);
	waitq_wake_all(&self->joiners);
	spin_lock(&sched_lock);
	schedule();
	panic("sched: exited thread %s was scheduled again", self->name);
}

void thread_set_user_state(struct thread *t, struct arch_user_state *user)
{
	struct arch_user_state *old = t->user;

	/* Its syscalls run on its own stack, from the top: nothing else is on it then. */
	user->kernel_stack_top = ALIGN_DOWN((uintptr_t)t->stack + t->stack_size, 16);
	t->user = user;
	if (t == current_thread)
		arch_user_state_switch(NULL, user);
	arch_user_state_free(old);
}

void thread_join(struct thread *t)
{
	irq_flags_t flags = irq_save();

	ASSERT(t != current_thread && !t->detached);
	while (t->state != THREAD_EXITED)
		waitq_wait(&t->joiners, 0);
	irq_restore(flags);
	thread_free(t);
}

void thread_detach(struct thread *t)
{
	irq_flags_t flags = spin_lock_irqsave(&sched_lock);
	bool exited = t->state == THREAD_EXITED;

	t->detached = true;
	spin_unlock_irqrestore(&sched_lock, flags);
	if (exited)
		thread_free(t);
}

static int sched_init(void)
{
	init_thread(&boot_thread, "main", THREAD_RUNNABLE);
	boot_thread.stack = boot_stacks[0].base;
	boot_thread.stack_size = boot_stacks[0].size;
	current_thread = &boot_thread;
	irq_enable();
	return 0;
}
INITCALL(sched_init, INIT_LIB);
