/*
 * Processes.  The first program is process 1.  fork (and clone without
 * CLONE_THREAD) makes a child that runs while its parent waits inside the
 * call: one address space holds one process at a time.  Every library with
 * per-process state saves the parent's at fork (PROCESS_STATE hooks) and
 * reinstates it when the child's process has ended; the parent then returns
 * from fork, and finds the child's status with wait4.  Pipelines and
 * command substitutions thus run one command after the other, as with
 * vfork and a large enough pipe.
 *
 * A process may have several threads (task.c).  Only one address space is
 * live, so while a child of a multi-threaded parent runs (after fork, vfork
 * or posix_spawn alike), the parent's other threads are kept off the CPU;
 * they go on when the child has ended, as the thread that forked does.
 */
#include <errno.h>
#include <linux/sched.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/process.h>
#include <tessera/process_state.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/uaccess.h>
#include "proc.h"

extern const struct process_state_ops __process_state_start[], __process_state_end[];

static struct process init_process = {
	.pid = 1,
	.pgid = 1,
	.sid = 1,
	.comm = "main",
	.inherited = {.cap_effective = CAP_FULL_SET, .cap_permitted = CAP_FULL_SET},
	.children = LIST_HEAD_INIT(init_process.children),
	.ended_wq = WAITQ_INIT(init_process.ended_wq),
	.tasks = LIST_HEAD_INIT(init_process.tasks),
	.tasks_gone = WAITQ_INIT(init_process.tasks_gone),
};
static struct process *current_process = &init_process;
static int next_id = 2;

struct process *process_current(void)
{
	return current_process;
}

struct process *process_find(int pid)
{
	struct process *p;

	for (p = current_process; p; p = p->parent) {
		if (p->pid == pid)
			return p;
	}
	list_for_each_entry(p, &current_process->children, sibling) {
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

int process_new_id(void)
{
	return __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
}

void process_for_each(void (*fn)(struct process *p, void *ctx), void *ctx)
{
	for (struct process *p = current_process; p; p = p->parent) {
		struct process *c;

		fn(p, ctx);
		list_for_each_entry(c, &p->children, sibling)
			fn(c, ctx);
	}
}

int process_pid(void)
{
	return current_process->pid;
}

int process_ppid(void)
{
	return current_process->parent ? current_process->parent->pid : 0;
}

const char *process_comm(void)
{
	return current_process->comm;
}

/* The leader's name is the process's (execve, or PR_SET_NAME in the leader). */
void process_set_comm(const char *name)
{
	struct task *t = task_current();

	strncpy(current_process->comm, name, COMM_LEN - 1);
	current_process->comm[COMM_LEN - 1] = '\0';
	if (t)
		memcpy(t->comm, current_process->comm, COMM_LEN);
}

static unsigned int shared_by(unsigned long flags)
{
	return (flags & CLONE_VM ? PROCESS_SHARES_MEMORY : 0) |
	       (flags & CLONE_FILES ? PROCESS_SHARES_FILES : 0) |
	       (flags & CLONE_FS ? PROCESS_SHARES_FS : 0) |
	       (flags & CLONE_SIGHAND ? PROCESS_SHARES_SIGNALS : 0);
}

/* Save, in hook order, what shares does not share and was not saved yet. */
static int save_state(struct process *child, unsigned int shares)
{
	int i = 0;

	for (const struct process_state_ops *o = __process_state_start; o < __process_state_end;
	     o++, i++) {
		int err = o->save && !child->saved[i] ? o->save(shares, &child->saved[i]) : 0;

		if (err) {
			/* Undo what was saved: the live state is still the parent's. */
			while (--i >= 0) {
				if (child->saved[i])
					__process_state_start[i].restore(child->saved[i]);
			}
			return err;
		}
	}
	return 0;
}

static void restore_state(struct process *child)
{
	int n = __process_state_end - __process_state_start;

	for (int i = n - 1; i >= 0; i--) {
		if (child->saved[i])
			__process_state_start[i].restore(child->saved[i]);
	}
}

/*
 * A child that shared its parent's memory (vfork, posix_spawn) is about to
 * replace it with a program of its own: save the parent's now, as fork
 * would have, so that it comes back when the child ends.
 */
int process_unshare_memory(void)
{
	struct process *p = current_process;
	int err;

	if (!(p->shares & PROCESS_SHARES_MEMORY))
		return 0;
	err = save_state(p, p->shares & ~PROCESS_SHARES_MEMORY);
	if (!err)
		p->shares &= ~PROCESS_SHARES_MEMORY;
	return err;
}

static struct process *process_new(struct process *parent, unsigned long flags)
{
	struct process *child = alloc_calloc(alloc_default(), 1, sizeof(*child));

	if (!child)
		return NULL;
	child->pid = process_new_id();
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->inherited = parent->inherited;
	child->parent = parent;
	child->shares = shared_by(flags);
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	list_init(&child->children);
	waitq_init(&child->ended_wq);
	spin_lock_init(&child->lock);
	list_init(&child->tasks);
	waitq_init(&child->tasks_gone);
	return child;
}

/* The child's first task, named as the calling one; NULL when out of memory. */
static struct task *child_task(struct process *child, unsigned long flags, uintptr_t sp,
			       uintptr_t tls)
{
	struct thread *t = task_thread_new(sp, flags & CLONE_SETTLS, tls);
	struct task *task = t ? task_add(child, child->pid, t, task_current()->comm) : NULL;

	if (t && !task)
		thread_detach(t);
	if (task)
		task->ioprio = task_current()->ioprio;
	return task;
}

long process_fork(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls)
{
	struct process *parent = current_process;
	struct process *child;
	struct task *task;
	irq_flags_t irq;
	bool threaded;
	int err;

	/* A thread a C library has reported finished (musl's join) may still be on its way out. */
	if (parent->nr_tasks > 1)
		thread_yield();
	threaded = parent->nr_tasks > 1;
	child = process_new(parent, flags);
	if (!child)
		return -ENOMEM;
	err = save_state(child, child->shares);
	if (err) {
		alloc_free(alloc_default(), child);
		return err;
	}
	task = child_task(child, flags, sp, tls);
	if (!task) {
		restore_state(child);
		alloc_free(alloc_default(), child);
		return -ENOMEM;
	}
	if ((flags & CLONE_PARENT_SETTID) && ptid)
		copy_to_user(ptid, &child->pid, sizeof(int));
	if ((flags & CLONE_CHILD_SETTID) && ctid)
		copy_to_user(ctid, &child->pid, sizeof(int));
	task->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? (uintptr_t)ctid : 0;
	if (threaded)
		task_freeze_others(true);
	current_process = child;
	thread_detach(task->thread);
	thread_run(task->thread);
	irq = irq_save();
	while (!child->ended)
		waitq_wait(&child->ended_wq, 0);
	irq_restore(irq);
	current_process = parent;
	restore_state(child);
	if (threaded)
		task_freeze_others(false);
	list_add_tail(&child->sibling, &parent->children);
	return child->pid;
}

void process_end(struct process *p, int status)
{
	irq_flags_t irq;

	if (!p->parent)
		kernel_exit(status);
	process_notify_parent(p, status);
	irq = irq_save();
	p->ended = true;
	p->wait_status = p->term_signal ? p->term_signal : (status & 0xff) << 8;
	waitq_wake_all(&p->ended_wq);
	irq_restore(irq);
	thread_exit();
}

void process_exit(int status)
{
	process_exit_group(status);
}

/* The program's first thread (process_exec, process_start_linked). */
int process_first_task(void)
{
	struct thread *t = thread_current();

	if (t->task)
		return 0;
	if (!t->signals && signal_thread_new(t))
		return -ENOMEM;
	return task_add(&init_process, 1, t, init_process.comm) ? 0 : -ENOMEM;
}
