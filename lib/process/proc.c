/*
 * Processes.  The first program is process 1.  fork (and clone without
 * CLONE_THREAD) makes a child that runs while its parent waits inside the
 * call: one address space holds one process at a time.  Every library with
 * per-process state saves the parent's at fork (PROCESS_STATE hooks) and
 * reinstates it when the child's process has ended; the parent then returns
 * from fork, and finds the child's status with wait4.  Pipelines and
 * command substitutions thus run one command after the other, as with
 * vfork and a large enough pipe.
 */
#include <errno.h>
#include <linux/sched.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/arch/syscall.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include <tessera/process.h>
#include <tessera/process_state.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define CHILD_STACK_SIZE (64 * 1024)

extern const struct process_state_ops __process_state_start[], __process_state_end[];

static struct process init_process = {
	.pid = 1,
	.pgid = 1,
	.sid = 1,
	.children = LIST_HEAD_INIT(init_process.children),
	.ended_wq = WAITQ_INIT(init_process.ended_wq),
};
static struct process *current_process = &init_process;
static int next_pid = 2;

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

int process_pid(void)
{
	return current_process->pid;
}

int process_ppid(void)
{
	return current_process->parent ? current_process->parent->pid : 0;
}

static unsigned int shared_by(unsigned long flags)
{
	return (flags & CLONE_VM ? PROCESS_SHARES_MEMORY : 0) |
	       (flags & CLONE_FILES ? PROCESS_SHARES_FILES : 0) |
	       (flags & CLONE_FS ? PROCESS_SHARES_FS : 0) |
	       (flags & CLONE_SIGHAND ? PROCESS_SHARES_SIGNALS : 0);
}

static int save_state(struct process *child, unsigned int shares)
{
	int i = 0;

	for (const struct process_state_ops *o = __process_state_start; o < __process_state_end;
	     o++, i++) {
		int err = o->save ? o->save(shares, &child->saved[i]) : 0;

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

/* The child's first instructions: the parent's syscall frame, returning 0. */
static void child_start(void *arg)
{
	struct trap_frame frame = *(struct trap_frame *)arg;

	alloc_free(alloc_default(), arg);
	arch_return_to_user(&frame);
}

static struct thread *child_thread(struct process *child, unsigned long flags, uintptr_t sp,
				   uintptr_t tls)
{
	struct trap_frame *frame = alloc_malloc(alloc_default(), sizeof(*frame));
	struct arch_user_state *user = arch_user_state_copy_current();
	struct thread *t = NULL;

	if (frame && user) {
		*frame = *arch_syscall_frame();
		frame->rax = 0;
		if (sp)
			frame->rsp = sp;
		if (flags & CLONE_SETTLS)
			user->fs_base = tls;
		t = thread_create("process", child_start, frame, CHILD_STACK_SIZE);
	}
	if (!t) {
		alloc_free(alloc_default(), frame);
		arch_user_state_free(user);
		return NULL;
	}
	thread_set_user_state(t, user);
	child->main = t;
	return t;
}

long process_fork(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls)
{
	struct process *parent = current_process;
	struct process *child = alloc_calloc(alloc_default(), 1, sizeof(*child));
	irq_flags_t irq;
	int err;

	if (!child)
		return -ENOMEM;
	child->pid = next_pid++;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->parent = parent;
	list_init(&child->children);
	waitq_init(&child->ended_wq);
	err = save_state(child, shared_by(flags));
	if (err) {
		alloc_free(alloc_default(), child);
		return err;
	}
	if (!child_thread(child, flags, sp, tls)) {
		restore_state(child);
		alloc_free(alloc_default(), child);
		return -ENOMEM;
	}
	if ((flags & CLONE_PARENT_SETTID) && ptid)
		copy_to_user(ptid, &child->pid, sizeof(int));
	if ((flags & CLONE_CHILD_SETTID) && ctid)
		copy_to_user(ctid, &child->pid, sizeof(int));
	child->clear_tid = flags & CLONE_CHILD_CLEARTID ? (uintptr_t)ctid : 0;
	current_process = child;
	irq = irq_save();
	while (!child->ended)
		waitq_wait(&child->ended_wq, 0);
	irq_restore(irq);
	thread_join(child->main);
	current_process = parent;
	restore_state(child);
	list_add_tail(&child->sibling, &parent->children);
	return child->pid;
}

void process_exit(int status)
{
	struct process *p = current_process;
	irq_flags_t irq;

	if (!p->parent)
		kernel_exit(status);
	irq = irq_save();
	p->ended = true;
	p->wait_status = (status & 0xff) << 8;
	waitq_wake_all(&p->ended_wq);
	irq_restore(irq);
	thread_exit();
}

SYSCALL_DEFINE0(fork)
{
	return process_fork(0, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE0(vfork)
{
	return process_fork(CLONE_VM | CLONE_VFORK, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, sp, int *, ptid, int *, ctid,
		unsigned long, tls)
{
	if (flags & CLONE_THREAD) {
		pr_warn("clone: threads (CLONE_THREAD) are not supported yet\n");
		return -ENOSYS;
	}
	return process_fork(flags, sp, ptid, ctid, tls);
}

SYSCALL_DEFINE1(exit_group, int, status)
{
	process_exit(status & 0xff);
}

SYSCALL_DEFINE1(exit, int, status)
{
	process_exit(status & 0xff); /* each process has one thread so far */
}
