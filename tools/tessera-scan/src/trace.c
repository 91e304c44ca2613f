// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "array.h"
#include "clock_ms.h"
#include "trace.h"

/* How long a stopped command may take to exit after SIGTERM. */
#define STOP_GRACE_MS 2000

struct tracee {
	pid_t pid;
	signed char in_scope; /* -1 until its executable is looked up */
	bool fresh;	      /* its first SIGSTOP is still to come */
};

struct tracer {
	const struct trace_spec *spec;
	struct trace_result *result;
	struct tracee *tracees;
	size_t ntracees;
	pid_t root;
};

static struct tracee *tracee_find(struct tracer *t, pid_t pid)
{
	for (size_t i = 0; i < t->ntracees; i++)
		if (t->tracees[i].pid == pid)
			return &t->tracees[i];
	return NULL;
}

static struct tracee *tracee_add(struct tracer *t, pid_t pid, int in_scope, bool fresh)
{
	struct tracee *e = ARRAY_PUSH(t->tracees, t->ntracees);

	*e = (struct tracee){pid, in_scope, fresh};
	return e;
}

static void tracee_remove(struct tracer *t, pid_t pid)
{
	struct tracee *e = tracee_find(t, pid);

	if (e)
		*e = t->tracees[--t->ntracees];
}

/* Matches the executable, or argv[0]: one binary may have many names. */
static bool exe_in_scope(const char *const *scope, pid_t pid)
{
	char path[64], exe[PATH_MAX], argv0[PATH_MAX] = "";
	ssize_t n;
	FILE *f;

	if (!scope)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	f = fopen(path, "r");
	if (f) {
		n = fread(argv0, 1, sizeof(argv0) - 1, f);
		argv0[n > 0 ? n : 0] = '\0';
		fclose(f);
	}
	for (; *scope; scope++)
		if (!strcmp(basename(exe), *scope) || !strcmp(basename(argv0), *scope))
			return true;
	return false;
}

static bool tracee_in_scope(struct tracer *t, struct tracee *e)
{
	if (e->in_scope < 0)
		e->in_scope = exe_in_scope(t->spec->scope, e->pid);
	return e->in_scope;
}

/* Copies a NUL-terminated string out of the tracee, truncated to len - 1. */
static void read_string(pid_t pid, unsigned long addr, char *buf, size_t len)
{
	size_t i = 0;

	while (i + 1 < len) {
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, pid, addr + i, 0);
		if (errno)
			break;
		for (size_t b = 0; b < sizeof(word) && i + 1 < len; b++, i++) {
			buf[i] = (char)(word >> (8 * b));
			if (!buf[i])
				return;
		}
	}
	buf[i] = '\0';
}

/* Pseudo-filesystem files are what a unikernel has to emulate by hand. */
static bool path_is_special(const char *path)
{
	return !strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6) ||
	       !strncmp(path, "/sys/", 5);
}

/* "/proc/self/task/4242/comm" becomes "/proc/self/task/N/comm": one file per thread is one need. */
static void generalize(const char *path, char *out, size_t len)
{
	size_t o = 0;

	while (*path && o + 1 < len) {
		size_t digits = strspn(path, "0123456789");

		if (digits && o && out[o - 1] == '/' && (path[digits] == '/' || !path[digits])) {
			out[o++] = 'N';
			path += digits;
		} else {
			out[o++] = *path++;
		}
	}
	out[o] = '\0';
}

void trace_add_path(struct trace_result *r, const char *path)
{
	char general[TRACE_PATH_LEN];

	if (!path || !path_is_special(path))
		return;
	generalize(path, general, sizeof(general));
	for (int i = 0; i < r->npaths; i++)
		if (!strcmp(r->paths[i], general))
			return;
	if (r->npaths < TRACE_MAX_PATHS)
		strcpy(r->paths[r->npaths++], general);
}

static void note_open(struct tracer *t, pid_t pid, const struct user_regs_struct *regs)
{
	char path[TRACE_PATH_LEN];
	unsigned long addr;

	switch (regs->orig_rax) {
	case SYS_open:
		addr = regs->rdi;
		break;
	case SYS_openat:
	case SYS_openat2:
		addr = regs->rsi;
		break;
	default:
		return;
	}
	read_string(pid, addr, path, sizeof(path));
	trace_add_path(t->result, path);
}

static void on_seccomp_stop(struct tracer *t, struct tracee *e)
{
	const struct trace_spec *spec = t->spec;
	struct user_regs_struct regs;

	if (!tracee_in_scope(t, e) || ptrace(PTRACE_GETREGS, e->pid, 0, &regs) < 0)
		return;
	if (syscall_nr_valid((long)regs.orig_rax))
		t->result->counts[regs.orig_rax]++;
	note_open(t, e->pid, &regs);
	if (spec->mode == INJECT_NONE || (long)regs.orig_rax != spec->target_nr)
		return;
	/* Syscall number -1 makes the kernel skip it and return rax as is. */
	regs.orig_rax = -1;
	regs.rax = spec->mode == INJECT_STUB ? -ENOSYS : 0;
	if (ptrace(PTRACE_SETREGS, e->pid, 0, &regs) == 0)
		t->result->injected++;
}

static void on_new_child(struct tracer *t, struct tracee *parent)
{
	unsigned long child;
	struct tracee *e;

	if (ptrace(PTRACE_GETEVENTMSG, parent->pid, 0, &child) < 0)
		return;
	e = tracee_find(t, (pid_t)child);
	if (!e)
		tracee_add(t, (pid_t)child, parent->in_scope, true);
	else if (e->in_scope < 0)
		e->in_scope = parent->in_scope;
}

/* Returns the signal to deliver when the tracee resumes. */
static int on_stop(struct tracer *t, pid_t pid, int status)
{
	int sig = WSTOPSIG(status), event = status >> 16;
	struct tracee *e = tracee_find(t, pid);

	if (!e) /* a new child whose SIGSTOP beat its parent's fork event */
		e = tracee_add(t, pid, -1, sig == SIGSTOP);
	if (sig == SIGSTOP && e->fresh) {
		e->fresh = false;
		return 0;
	}
	if (sig != SIGTRAP || !event)
		return sig;
	if (event == PTRACE_EVENT_SECCOMP)
		on_seccomp_stop(t, e);
	else if (event == PTRACE_EVENT_EXEC) /* before the program can rename itself */
		e->in_scope = exe_in_scope(t->spec->scope, pid);
	else if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
		 event == PTRACE_EVENT_CLONE)
		on_new_child(t, e);
	return 0;
}

static void handle_status(struct tracer *t, pid_t pid, int status)
{
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (pid == t->root)
			t->result->root_status = status;
		tracee_remove(t, pid);
		return;
	}
	if (WIFSTOPPED(status))
		ptrace(PTRACE_CONT, pid, 0, on_stop(t, pid, status));
}

static void kill_all(struct tracer *t)
{
	for (size_t i = 0; i < t->ntracees; i++)
		kill(t->tracees[i].pid, SIGKILL);
}

/* Waits for events until every tracee is gone; SIGTERM starts the end. */
static void trace_loop(struct tracer *t, const sigset_t *wake)
{
	const struct timespec tick = {0, 50 * 1000 * 1000};
	long kill_at = -1;
	int status;

	for (;;) {
		pid_t pid = waitpid(-1, &status, __WALL | WNOHANG);

		if (pid > 0) {
			handle_status(t, pid, status);
			continue;
		}
		if (pid < 0 && errno == ECHILD)
			return;
		if (kill_at >= 0 && now_ms() >= kill_at) {
			kill_all(t);
			kill_at = LONG_MAX;
		}
		if (sigtimedwait(wake, NULL, &tick) == SIGTERM && kill_at < 0) {
			if (t->result->root_status == -1)
				kill(t->root, SIGTERM);
			kill_at = now_ms() + STOP_GRACE_MS;
		}
	}
}

static scmp_filter_ctx build_filter(const struct trace_spec *spec)
{
	uint32_t fallback = spec->count_all ? SCMP_ACT_TRACE(0) : SCMP_ACT_ALLOW;
	scmp_filter_ctx ctx = seccomp_init(fallback);

	if (!ctx)
		return NULL;
	/* Other ABIs (x32, i386) are not studied: let them through. */
	seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW);
	/* As root, keep setuid programs working the way they normally do. */
	if (geteuid() == 0)
		seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (!spec->count_all && spec->target_nr >= 0 &&
	    seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), spec->target_nr, 0) < 0) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

static void redirect(int fd, const char *path)
{
	int file = open(path ? path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

	if (file >= 0)
		dup2(file, fd);
}

static void __attribute__((noreturn))
exec_traced(const struct trace_spec *spec, const sigset_t *old_mask)
{
	scmp_filter_ctx ctx;

	setpgid(0, 0);
	redirect(STDOUT_FILENO, spec->stdout_path);
	redirect(STDERR_FILENO, spec->stderr_path);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 || raise(SIGSTOP) < 0)
		_exit(126);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	ctx = build_filter(spec);
	if (!ctx || seccomp_load(ctx) < 0)
		_exit(126);
	execl("/bin/sh", "sh", "-c", spec->command, (char *)NULL);
	_exit(127);
}

static int attach_root(pid_t root)
{
	int status;
	long opts = PTRACE_O_EXITKILL | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC;

	if (waitpid(root, &status, __WALL) != root || !WIFSTOPPED(status))
		return -1;
	if (ptrace(PTRACE_SETOPTIONS, root, 0, opts) < 0)
		return -1;
	return ptrace(PTRACE_CONT, root, 0, 0);
}

static void __attribute__((noreturn))
run_tracer(const struct trace_spec *spec, struct trace_result *result, const sigset_t *old_mask,
	   const sigset_t *wake)
{
	struct tracer t = {.spec = spec, .result = result};

	t.root = fork();
	if (t.root < 0)
		_exit(1);
	if (t.root == 0)
		exec_traced(spec, old_mask);
	if (attach_root(t.root) < 0) {
		kill(t.root, SIGKILL);
		_exit(1);
	}
	tracee_add(&t, t.root, -1, false);
	trace_loop(&t, wake);
	_exit(0);
}

pid_t trace_start(const struct trace_spec *spec, struct trace_result *result)
{
	sigset_t wake, old_mask;
	pid_t tracer;

	memset(result, 0, sizeof(*result));
	result->root_status = -1;
	sigemptyset(&wake);
	sigaddset(&wake, SIGCHLD);
	sigaddset(&wake, SIGTERM);
	sigprocmask(SIG_BLOCK, &wake, &old_mask);
	tracer = fork();
	if (tracer == 0)
		run_tracer(spec, result, &old_mask, &wake);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return tracer;
}
