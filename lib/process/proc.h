/* Processes and their threads (proc.c, task.c), shared by the process library's files. */
#ifndef LIB_PROCESS_PROC_H
#define LIB_PROCESS_PROC_H

#include <linux/resource.h>
#include <stdbool.h>
#include <stdint.h>
#include <tessera/arch/spinlock.h>
#include <tessera/list.h>
#include <tessera/waitq.h>

#define PROCESS_MAX_STATE_HOOKS 16
#define COMM_LEN 16

struct trap_frame;

/* Capabilities 0..CAP_LAST_CAP (40, CAP_CHECKPOINT_RESTORE): root's full sets. */
#define CAP_FULL_SET ((1ULL << 41) - 1)

/* What a child inherits as is from its parent. */
struct process_inherited {
	int nice;                 /* -20 (most favoured) .. 19 */
	unsigned int personality; /* PER_LINUX and flags such as ADDR_NO_RANDOMIZE */
	uint64_t cap_effective, cap_permitted, cap_inheritable;
	unsigned int membarrier_registered; /* MEMBARRIER_CMD_REGISTER_* bits */
	struct rlimit64 limits[RLIM_NLIMITS]; /* getrlimit/setrlimit (limits.c) */
};

struct process {
	int pid;
	int pgid, sid; /* process group and session */
	struct process_inherited inherited;
	struct process *parent;
	unsigned int shares; /* PROCESS_SHARES_*: what it shares with its parent */
	bool ended;
	int wait_status;           /* as wait4 reports it */
	struct waitq ended_wq;     /* the parent, waiting in fork */
	struct list_head children; /* ended, not yet waited for */
	struct list_head sibling;
	void *saved[PROCESS_MAX_STATE_HOOKS]; /* the parent's state while this child runs */
	char comm[COMM_LEN];                  /* its leader's name: /proc/self/comm */
	/* Its threads, under lock. */
	spinlock_t lock;
	struct list_head tasks;
	int nr_tasks;
	struct task *killer;   /* the task that ends the others (exit_group, execve), or NULL */
	bool group_exit;       /* exit_group: the process ends with exit_status */
	int exit_status;
	int term_signal;       /* killed by this signal (| 0x80 with a core dump), or 0 */
	struct waitq tasks_gone; /* the killer, waiting for the others to end */
};

/* An application thread: a kernel thread running the process's code. */
struct task {
	int tid;
	struct process *process;
	struct thread *thread;
	uintptr_t clear_child_tid; /* set_tid_address, CLONE_CHILD_CLEARTID */
	uintptr_t robust_list;     /* set_robust_list */
	int policy, priority;      /* sched_setscheduler: remembered, not used */
	int ioprio;                /* ioprio_set: remembered, not used */
	char comm[COMM_LEN];       /* PR_SET_NAME */
	struct list_head link;     /* in its process's tasks */
};

struct process *process_current(void);
/* The process pid among those this one can see (itself, its ancestors, its ended children), or NULL. */
struct process *process_find(int pid);
/* A new process or thread id: they share one number space, as on Linux. */
int process_new_id(void);
/* Every process this one can see: itself, its ancestors and their ended children. */
void process_for_each(void (*fn)(struct process *p, void *ctx), void *ctx);
/* personality(ADDR_NO_RANDOMIZE): lay the next program out at fixed addresses. */
bool process_no_randomize(void);
/* The scheduling policy of thread pid (0: the caller), or -ESRCH (sched.c). */
long sys_sched_getscheduler(int pid);
long process_fork(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls);
/* The process has no task left: it ends with status (exit code, 0-255). */
__attribute__((noreturn)) void process_end(struct process *p, int status);

/* A signal's default action ends the current process (tf: where the thread was). */
__attribute__((noreturn)) void process_killed(const struct trap_frame *tf, int sig, bool core);
/* p, a child, has ended with status: SIGCHLD for its parent. */
void process_notify_parent(struct process *p, int status);

/* The pid a pidfd open on fd names, or -EBADF (pidfd.c). */
int pidfd_pid(int fd);

/* The task the current thread runs, or NULL for a kernel thread. */
struct task *task_current(void);
/* The current process's task with id tid (0: the current one), or NULL. */
struct task *task_find(int tid);
/* p's task with id tid, or NULL. */
struct task *task_find_in(struct process *p, int tid);
/* A new task of p: kernel thread t with id tid, named comm; NULL when out of memory. */
struct task *task_add(struct process *p, int tid, struct thread *t, const char *comm);
/* The program's first thread becomes task 1 of process 1 (exec of the first program). */
int process_first_task(void);
/* A vfork child is about to execve: the parent's memory must be saved now. */
int process_unshare_memory(void);
/*
 * A kernel thread that will enter application code as the current syscall's
 * frame says, returning 0, with stack pointer sp (0: the caller's) and,
 * if settls, FS base tls: not yet runnable.
 */
struct thread *task_thread_new(uintptr_t sp, bool settls, uintptr_t tls);
/* clone with CLONE_THREAD: a new task in the current process. */
long task_clone(unsigned long flags, uintptr_t sp, int *ptid, int *ctid, uintptr_t tls);
/* End the current task (exit); the last one ends the process. */
__attribute__((noreturn)) void task_exit(int status);
/* exit_group: end every task of the current process. */
__attribute__((noreturn)) void process_exit_group(int status);
/* execve: end the current process's other tasks and wait for them; the caller takes the pid. */
void task_end_others(void);
/* vfork from a process with several tasks: keep the others off the CPU while the child runs. */
void task_freeze_others(bool freeze);

#endif
