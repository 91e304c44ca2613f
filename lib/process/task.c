/*
 * Tasks: the threads of a process (its thread group), as clone with
 * CLONE_THREAD makes them.  Each is a kernel thread with user state of its
 * own (registers, FPU, FS base for its thread-local storage) running the
 * program's code; thread ids come from the process id space, and the first
 * task's is the pid.
 *
 * A task's exit clears its child-tid word and wakes whoever waits on it
 * (pthread_join), marks the robust futexes it still holds, and, for the
 * last task, ends the process.  exit_group and execve end the other tasks:
 * each is interrupted (a wait it is in returns -EINTR) and exits before it
 * next resumes application code, where the hook below runs after every
 * syscall, interrupt and exception.
 */
#include <errno.h>
#include <linux/sched.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/syscall.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/boot.h>
#include <tessera/futex.h>
#include <tessera/process.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define TASK_KERNEL_STACK_SIZE (64 * 1024)

struct task *task_current(void)
{
	return thread_current()->task;
}

struct task *task_find(int tid)
{
	return tid == 0 ? task_current() : task_find_in(process_current(), tid);
}

struct task *task_find_in(struct process *p, int tid)
{
	struct task *t, *found = NULL;
	irq_flags_t flags = spin_lock_irqsave(&p->lock);

	list_for_each_entry(t, &p->tasks, link) {
		if (t->tid == tid) {
			found = t;
			break;
		}
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return found;
}

struct task *task_add(struct process *p, int tid, struct thread *thread, const char *comm)
{
	struct task *t = alloc_calloc(alloc_default(), 1, sizeof(*t));
	irq_flags_t flags;

	if (!t)
		return NULL;
	t->tid = tid;
	t->process = p;
	t->thread = thread;
	memcpy(t->comm, comm, sizeof(t->comm));
	thread->task = t;
	flags = spin_lock_irqsave(&p->lock);
	list_add_tail(&t->link, &p->tasks);
	p->nr_tasks++;
	spin_unlock_irqrestore(&p->lock, flags);
	return t;
}

/* Take t out of its process and free it: how many tasks are left. */
static int task_remove(struct task *t)
{
	struct process *p = t->process;
	irq_flags_t flags = spin_lock_irqsave(&p->lock);
	int left = --p->nr_tasks;

	list_del(&t->link);
	if (left == 1 && p->killer)
		waitq_wake_all(&p->tasks_gone);
	spin_unlock_irqrestore(&p->lock, flags);
	t->thread->task = NULL;
	alloc_free(alloc_default(), t);
	return left;
}

/* A new task's first instructions: back to the application with the frame it was given. */
static void enter_user(void *arg)
{
	struct trap_frame frame = *(struct trap_frame *)arg;

	alloc_free(alloc_default(), arg);
	arch_return_to_user(&frame);
}

struct thread *task_thread_new(uintptr_t sp, bool settls, uintptr_t tls)
{
	struct trap_frame *frame = alloc_malloc(alloc_default(), sizeof(*frame));
	struct arch_user_state *user = arch_user_state_copy_current();
	struct thread *t = NULL;

	if (frame && user) {
		*frame = *arch_syscall_frame();
		frame->rax = 0;
		if (sp)
			frame->rsp = sp;
		if (settls)
			user->fs_base = tls;
		t = thread_new(task_current()->comm, enter_user, frame, TASK_KERNEL_STACK_SIZE);
	}
	if (t && signal_thread_new(t)) {
		thread_detach(t);
		t = NULL; /* it never runs: what it was given is freed below */
	}
	if (!t) {
		alloc_free(alloc_default(), frame);
		arch_user_state_free(user);
		return NULL;
	}
	thread_set_user_state(t, user);
	return t;
}

long task_clone(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls)
{
	struct task *self = task_current(), *t;
	struct thread *thread = task_thread_new(sp, flags & CLONE_SETTLS, tls);
	int tid = process_new_id();

	if (!thread)
		return -ENOMEM;
	t = task_add(self->process, tid, thread, self->comm);
	if (!t) {
		thread_detach(thread);
		return -ENOMEM;
	}
	t->policy = self->policy;
	t->priority = self->priority;
	t->ioprio = self->ioprio;
	/* As on Linux, a bad address here is the program's problem, not clone's. */
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(ptid, &tid, sizeof(tid));
	if (flags & CLONE_CHILD_SETTID)
		copy_to_user(ctid, &tid, sizeof(tid));
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = (uintptr_t)ctid;
	thread_detach(thread);
	thread_run(thread);
	return tid;
}

/*
 * The tid word is cleared once the task has left its process, so that a
 * joiner who then forks finds one thread fewer; as on Linux, only while
 * someone else may still look at the memory.
 */
void task_exit(int status)
{
	struct task *self = task_current();
	struct process *p = self->process;
	struct thread *thread = self->thread;
	uint32_t *ctid = (uint32_t *)self->clear_child_tid;
	uint32_t zero = 0;

	futex_exit_robust_list(self->robust_list, self->tid);
	signal_thread_exit();
	thread_detach(thread);
	if (task_remove(self) == 0)
		process_end(p, p->group_exit ? p->exit_status : status);
	if (ctid && !copy_to_user(ctid, &zero, sizeof(zero)))
		futex_wake_address(ctid, 1);
	thread_exit();
}

/* Make every other task of the current process end before it resumes application code. */
static void interrupt_others(struct task *self)
{
	struct process *p = self->process;
	irq_flags_t flags = spin_lock_irqsave(&p->lock);
	struct task *t;

	p->killer = self;
	list_for_each_entry(t, &p->tasks, link) {
		if (t != self)
			thread_interrupt(t->thread);
	}
	spin_unlock_irqrestore(&p->lock, flags);
}

void process_exit_group(int status)
{
	struct task *self = task_current();
	struct process *p = self->process;

	if (!p->parent)
		kernel_exit(status);
	if (!p->group_exit) {
		p->group_exit = true;
		p->exit_status = status;
	}
	interrupt_others(self);
	task_exit(status);
}

void task_end_others(void)
{
	struct task *self = task_current();
	struct process *p = self->process;
	irq_flags_t flags;

	if (p->nr_tasks > 1) {
		interrupt_others(self);
		flags = irq_save();
		while (p->nr_tasks > 1)
			waitq_wait(&p->tasks_gone, 0);
		irq_restore(flags);
		p->killer = NULL;
	}
	self->tid = p->pid; /* the survivor leads the process */
}

void task_freeze_others(bool freeze)
{
	struct task *self = task_current(), *t;
	struct process *p = self->process;
	irq_flags_t flags = spin_lock_irqsave(&p->lock);

	list_for_each_entry(t, &p->tasks, link) {
		if (t == self)
			continue;
		if (freeze)
			thread_freeze(t->thread);
		else
			thread_thaw(t->thread);
	}
	spin_unlock_irqrestore(&p->lock, flags);
}

/*
 * Before application code resumes: give up the CPU if asked, end if the
 * process is ending, then take the signals waiting (a handler's frame, or
 * the end of the process).
 */
static void return_to_user(struct trap_frame *tf)
{
	struct task *self = task_current();
	struct process *p;
	bool core = false;
	int sig;

	sched_preempt_point();
	if (!self)
		return;
	p = self->process;
	if (READ_ONCE(p->group_exit) || (READ_ONCE(p->killer) && p->killer != self))
		task_exit(0);
	sig = signal_deliver(tf, &core);
	if (sig)
		process_killed(tf, sig, core);
}

static int tasks_init(void)
{
	trap_return_to_user = return_to_user;
	return 0;
}
INITCALL(tasks_init, INIT_LIB);

SYSCALL_DEFINE1(exit, int, status)
{
	task_exit(status & 0xff);
}

SYSCALL_DEFINE1(exit_group, int, status)
{
	process_exit_group(status & 0xff);
}

SYSCALL_DEFINE0(gettid)
{
	return task_current()->tid;
}

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	task_current()->clear_child_tid = (uintptr_t)tidptr;
	return task_current()->tid;
}

/* struct robust_list_head: what set_robust_list takes and get_robust_list reports. */
#define ROBUST_LIST_HEAD_SIZE 24

SYSCALL_DEFINE2(set_robust_list, void *, head, size_t, len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	task_current()->robust_list = (uintptr_t)head;
	return 0;
}

SYSCALL_DEFINE3(get_robust_list, int, tid, void **, head, size_t *, len)
{
	struct task *t = task_find(tid);
	size_t size = ROBUST_LIST_HEAD_SIZE;

	if (!t)
		return -ESRCH;
	return copy_to_user(len, &size, sizeof(size)) ?:
		       copy_to_user(head, &t->robust_list, sizeof(void *));
}
