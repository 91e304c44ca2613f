/*
 * Threads: creation with a guarded stack (stack_alloc), exit, join, yield.
 * The trap code is told each running thread's stack bottom, so that a fault
 * on its guard page is reported as a stack overflow.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/context.h>
#include <tessera/arch/irq.h>
#include <tessera/arch/stacks.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/assert.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include <tessera/sched_impl.h>
#include "sched_internal.h"

static struct thread boot_thread;
static struct thread *current;
static int next_id = 1;

struct thread *thread_current(void)
{
	return current;
}

void sched_switch(struct thread *prev, struct thread *next)
{
	if (prev == next)
		return;
	current = next;
	if (prev->user || next->user)
		arch_user_state_switch(prev->user, next->user);
	trap_set_stack_bottom((uintptr_t)next->stack);
	arch_context_switch(&prev->sp, next->sp);
}

static void init_thread(struct thread *t, const char *name)
{
	strncpy(t->name, name, sizeof(t->name) - 1);
	t->id = next_id++;
	t->state = THREAD_RUNNABLE;
	list_init(&t->run_link);
	sched_timer_init(&t->timeout, thread_timeout_expired);
	waitq_init(&t->joiners);
}

static void thread_start(void *arg)
{
	struct thread *t = arg;

	irq_enable();
	t->fn(t->arg);
	thread_exit();
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg, size_t stack_size)
{
	struct thread *t = alloc_calloc(alloc_default(), 1, sizeof(*t));
	irq_flags_t flags;

	if (!t)
		return NULL;
	stack_size = MAX(ALIGN_UP(stack_size ?: THREAD_DEFAULT_STACK_SIZE, PAGE_SIZE), 2 * PAGE_SIZE);
	t->stack = stack_alloc(stack_size);
	if (!t->stack) {
		alloc_free(alloc_default(), t);
		return NULL;
	}
	init_thread(t, name);
	t->stack_size = stack_size - PAGE_SIZE;
	t->owns_stack = true;
	t->fn = fn;
	t->arg = arg;
	t->sp = arch_context_init(t->stack + t->stack_size, thread_start, t);
	flags = irq_save();
	sched_impl_enqueue(t);
	irq_restore(flags);
	return t;
}

void thread_exit(void)
{
	irq_disable();
	if (current == &boot_thread)
		kernel_exit(0);
	current->state = THREAD_EXITED;
	waitq_wake_all(&current->joiners);
	sched_impl_schedule();
	panic("sched: exited thread %s was scheduled again", current->name);
}

void thread_set_user_state(struct thread *t, struct arch_user_state *user)
{
	struct arch_user_state *old = t->user;

	/* Its syscalls run on its own stack, from the top: nothing else is on it then. */
	user->kernel_stack_top = ALIGN_DOWN((uintptr_t)t->stack + t->stack_size, 16);
	t->user = user;
	if (t == current)
		arch_user_state_switch(NULL, user);
	arch_user_state_free(old);
}

void thread_join(struct thread *t)
{
	irq_flags_t flags = irq_save();

	ASSERT(t != current);
	while (t->state != THREAD_EXITED)
		waitq_wait(&t->joiners, 0);
	irq_restore(flags);
	arch_user_state_free(t->user);
	if (t->owns_stack) {
		stack_free(t->stack, t->stack_size);
		alloc_free(alloc_default(), t);
	}
}

void thread_yield(void)
{
	irq_flags_t flags = irq_save();

	sched_impl_schedule();
	irq_restore(flags);
}

static int sched_init(void)
{
	init_thread(&boot_thread, "main");
	boot_thread.stack = boot_stacks[0].base;
	boot_thread.stack_size = boot_stacks[0].size;
	current = &boot_thread;
	irq_enable();
	return 0;
}
INITCALL(sched_init, INIT_LIB);
