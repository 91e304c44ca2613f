/*
 * Signals between processes and threads: kill, tkill, tgkill,
 * rt_sigqueueinfo and rt_tgsigqueueinfo resolve the ids they are given
 * (the current process and its threads, its ancestors waiting in fork,
 * its ended children, which take signals and drop them) and hand the
 * signal to lib/signal; and a process ends by a signal's default action:
 * the first one stops the machine with status 128+N (a crash report first
 * for the signals that dump core), others are reported to their parent
 * as killed by the signal, with SIGCHLD.
 */
#include <errno.h>
#include <linux/wait.h>
#include <tessera/arch/trap.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include <tessera/process.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

#define WCOREFLAG 0x80

static siginfo_t sender_info(int sig, int code)
{
	uint32_t uid[3], gid[3];

	process_get_ids(uid, gid);
	return (siginfo_t){.si_signo = sig, .si_code = code, .si_pid = process_pid(),
			   .si_uid = uid[0]};
}

/* Signal 0 only checks that the target exists; ended processes take signals and drop them. */
static int send_to_process(struct process *p, const siginfo_t *info)
{
	struct task *t = list_first_entry_or_null(&p->tasks, struct task, link);

	if (!info->si_signo || p->ended || !t)
		return 0;
	return signal_send_process(t->thread, info);
}

/* Every process this one can see that group pgid (0: all but pid 1 and the caller) takes. */
static int send_to_many(int pgid, const siginfo_t *info)
{
	struct process *self = process_current(), *p;
	int sent = 0, err = 0;

	for (p = self; p; p = p->parent) {
		if (pgid ? p->pgid != pgid : p == self || p->pid == 1)
			continue;
		err = send_to_process(p, info) ?: err;
		sent++;
	}
	list_for_each_entry(p, &self->children, sibling)
		sent += pgid ? p->pgid == pgid : 1;
	return sent ? err : -ESRCH;
}

static int valid_signal(int sig)
{
	return sig >= 0 && sig <= NSIG_LINUX;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	siginfo_t info = sender_info(sig, SI_USER);
	struct process *p;

	if (!valid_signal(sig))
		return -EINVAL;
	if (pid > 0) {
		p = process_find(pid);
		return p ? send_to_process(p, &info) : -ESRCH;
	}
	if (pid == -1)
		return send_to_many(0, &info);
	return send_to_many(pid ? -pid : process_current()->pgid, &info);
}

/* Thread tid of process tgid (0: whichever process has it). */
static int send_to_thread(int tgid, int tid, const siginfo_t *info)
{
	struct process *p;
	struct task *t;

	for (p = process_current(); p; p = p->parent) {
		if (tgid && p->pid != tgid)
			continue;
		t = task_find_in(p, tid);
		if (t)
			return info->si_signo ? signal_send_thread(t->thread, info) : 0;
	}
	return -ESRCH;
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	siginfo_t info = sender_info(sig, SI_TKILL);

	if (tgid <= 0 || tid <= 0 || !valid_signal(sig))
		return -EINVAL;
	return send_to_thread(tgid, tid, &info);
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	siginfo_t info = sender_info(sig, SI_TKILL);

	if (tid <= 0 || !valid_signal(sig))
		return -EINVAL;
	return send_to_thread(0, tid, &info);
}

/* As Linux: the information is the caller's, but it may not pose as the kernel or kill. */
static int queued_info(int pid, int sig, const siginfo_t *uinfo, siginfo_t *info)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && pid != process_pid())
		return -EPERM;
	info->si_signo = sig;
	return valid_signal(sig) ? 0 : -EINVAL;
}

SYSCALL_DEFINE3(rt_sigqueueinfo, int, pid, int, sig, const siginfo_t *, uinfo)
{
	struct process *p;
	siginfo_t info;
	int err = queued_info(pid, sig, uinfo, &info);

	if (err)
		return err;
	p = process_find(pid);
	return p ? send_to_process(p, &info) : -ESRCH;
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, int, tgid, int, tid, int, sig, const siginfo_t *, uinfo)
{
	siginfo_t info;
	int err;

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	err = queued_info(tgid, sig, uinfo, &info);
	return err ?: send_to_thread(tgid, tid, &info);
}

void process_killed(const struct trap_frame *tf, int sig, bool core)
{
	struct process *p = process_current();

	if (!p->parent) {
		if (core)
			trap_fatal_signal(tf, sig, signal_name(sig));
		printk(LOG_ERR, "tessera: %s killed by %s (signal %d)\n", p->comm,
		       signal_name(sig), sig);
		kernel_exit(128 + sig);
	}
	printk(LOG_ERR, "tessera: %s (pid %d) killed by %s (signal %d)%s\n", p->comm, p->pid,
	       signal_name(sig), sig, core ? ", core dumped" : "");
	p->term_signal = sig | (core ? WCOREFLAG : 0);
	process_exit_group(128 + sig);
}

void process_notify_parent(struct process *p, int status)
{
	int sig = p->term_signal & 0x7f;
	siginfo_t info = {.si_signo = SIGCHLD, .si_pid = p->pid};
	struct task *t = list_first_entry_or_null(&p->parent->tasks, struct task, link);

	info.si_code = !sig ? CLD_EXITED : p->term_signal & WCOREFLAG ? CLD_DUMPED : CLD_KILLED;
	info.si_status = sig ? sig : status;
	if (t)
		signal_send_process(t->thread, &info);
}

static struct thread *thread_of(int tid)
{
	struct task *t = task_find_in(process_current(), tid);

	return t ? t->thread : NULL;
}

static int kill_init(void)
{
	signal_find_thread = thread_of;
	return 0;
}
INITCALL(kill_init, INIT_LIB);

/* kill or rt_sigqueueinfo to the process a pidfd names; its information must be for sig. */
SYSCALL_DEFINE4(pidfd_send_signal, int, pidfd, int, sig, const siginfo_t *, uinfo,
		unsigned int, flags)
{
	int pid, signo;

	if (flags)
		return -EINVAL;
	pid = pidfd_pid(pidfd);
	if (pid < 0)
		return pid;
	if (!uinfo)
		return sys_kill(pid, sig);
	if (copy_from_user(&signo, &uinfo->si_signo, sizeof(signo)))
		return -EFAULT;
	return signo == sig ? sys_rt_sigqueueinfo(pid, sig, uinfo) : -EINVAL;
}
