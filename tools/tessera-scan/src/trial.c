// SPDX-License-Identifier: BSD-3-Clause
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock_ms.h"
#include "isolate.h"
#include "paths.h"
#include "shell.h"
#include "trial.h"

#define READY_POLL_MS 100
/* The app's output, in the scratch directory. */
#define APP_STDOUT "app.out"
#define APP_STDERR "app.err"
/* Stopping at every syscall, as baseline runs do, slows an app down this much at worst. */
#define BASELINE_SLOWDOWN 4
/* Time the tracer has to stop the app (its grace period plus slack). */
#define TRACER_STOP_MS 4000

static const char *const outcome_names[] = {"pass", "fail", "timeout", "error"};

const char *trial_outcome_name(enum trial_outcome outcome)
{
	return outcome_names[outcome];
}

int trial_outcome_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (name && !strcmp(name, outcome_names[i]))
			return i;
	return -1;
}

static void conclude(struct trial_result *out, enum trial_outcome outcome, const char *fmt, ...)
{
	va_list ap;

	out->outcome = outcome;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
}

static bool app_exited(const struct trial_result *out)
{
	return out->trace.root_status != -1;
}

static bool app_gone(void *ctx)
{
	return app_exited(ctx);
}

/*
 * Polls the ready probe until it succeeds, the app dies or its own time
 * runs out: a server that is not up within ready_timeout never will be.
 */
static bool wait_ready(const struct workload *w, struct trial_result *out, long deadline)
{
	long ready_by = now_ms() + 1000L * w->ready_timeout_s;
	struct shell_watch watch = {app_gone, out};

	if (ready_by > deadline)
		ready_by = deadline;
	while (shell_run(w->ready, "ready.log", ready_by, &watch) != 0) {
		if (app_exited(out)) {
			conclude(out, TRIAL_FAIL, "app exited before it was ready");
			return false;
		}
		if (now_ms() >= ready_by) {
			conclude(out, TRIAL_FAIL, "app not ready within %u s", w->ready_timeout_s);
			return false;
		}
		sleep_ms(READY_POLL_MS);
	}
	return true;
}

/* A one-shot app: it must end by itself. */
static void wait_app(struct trial_result *out, long deadline)
{
	while (!app_exited(out) && now_ms() < deadline)
		sleep_ms(READY_POLL_MS / 10);
	if (!app_exited(out))
		conclude(out, TRIAL_TIMEOUT, "app still running at the timeout");
}

/* Exit code, or 128 + signal number, as a shell reports it. */
static int app_status(const struct trial_result *out)
{
	int status = out->trace.root_status;

	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Without a check, a one-shot app passes when it exits 0. */
static void judge_exit(struct trial_result *out)
{
	int status = app_status(out);

	if (status)
		conclude(out, TRIAL_FAIL, "app exited %d", status);
}

/* A client of a server that died can only fail: it is not waited for. */
static void run_client(const struct workload *w, struct trial_result *out, long deadline)
{
	struct shell_watch watch = {app_gone, out};
	int rc = shell_run(w->client, "client.log", deadline, &watch);

	if (rc == SHELL_TIMED_OUT)
		conclude(out, TRIAL_TIMEOUT, "client still running at the timeout");
	else if (rc == SHELL_ABANDONED)
		conclude(out, TRIAL_FAIL, "app exited while the client ran");
	else if (rc)
		conclude(out, TRIAL_FAIL, "client exited %d", rc);
	else
		conclude(out, TRIAL_PASS, "client exited 0");
}

/* The check sees how the app ended: SCAN_STATUS, SCAN_STDOUT and SCAN_STDERR. */
static void run_check(const struct workload *w, struct trial_result *out, long deadline)
{
	char status[16], *out_path = path_join(getenv("TS_SCRATCH"), APP_STDOUT);
	char *err_path = path_join(getenv("TS_SCRATCH"), APP_STDERR);
	int rc;

	snprintf(status, sizeof(status), "%d", app_status(out));
	setenv("SCAN_STATUS", status, 1);
	setenv("SCAN_STDOUT", out_path, 1);
	setenv("SCAN_STDERR", err_path, 1);
	free(out_path);
	free(err_path);
	rc = shell_run(w->check, "check.log", deadline, NULL);

	if (rc == SHELL_TIMED_OUT)
		conclude(out, TRIAL_TIMEOUT, "check still running at the timeout");
	else if (rc)
		conclude(out, TRIAL_FAIL, "check exited %d", rc);
}

static void stop_tracer(pid_t tracer)
{
	long deadline = now_ms() + TRACER_STOP_MS;

	kill(tracer, SIGTERM);
	while (waitpid(tracer, NULL, WNOHANG) == 0) {
		if (now_ms() >= deadline) {
			kill(tracer, SIGKILL);
			waitpid(tracer, NULL, 0);
			return;
		}
		sleep_ms(READY_POLL_MS / 10);
	}
}

static void drive(const struct workload *w, const struct trial_task *task, struct trial_result *out,
		  long deadline)
{
	struct trace_spec spec = {
		.command = w->app,
		.scope = w->scope,
		.target_nr = task->nr,
		.mode = task->mode,
		.count_all = task->count_all,
		.stdout_path = APP_STDOUT,
		.stderr_path = APP_STDERR,
	};
	pid_t tracer;

	if (w->setup && shell_run(w->setup, "setup.log", deadline, NULL) != 0) {
		conclude(out, TRIAL_ERROR, "setup failed (see setup.log)");
		return;
	}
	tracer = trace_start(&spec, &out->trace);
	if (tracer < 0) {
		conclude(out, TRIAL_ERROR, "cannot start the tracer");
		return;
	}
	if (!w->client)
		wait_app(out, deadline);
	else if (!w->ready || wait_ready(w, out, deadline))
		run_client(w, out, deadline);
	stop_tracer(tracer);
	if (out->outcome != TRIAL_PASS)
		return;
	if (w->check)
		run_check(w, out, deadline);
	else if (!w->client)
		judge_exit(out);
}

void trial_run(const struct workload *w, const struct trial_task *task, const struct trial_env *env,
	       struct trial_result *out)
{
	long factor = task->count_all ? BASELINE_SLOWDOWN : 1;
	long deadline = now_ms() + 1000L * w->timeout_s * factor;
	char *scratch = scratch_make(env->scratch_base);

	memset(out, 0, sizeof(*out));
	if (!scratch || chdir(scratch) < 0) {
		conclude(out, TRIAL_ERROR, "cannot make a scratch directory");
		free(scratch);
		return;
	}
	setenv("TS_SCRATCH", scratch, 1);
	if (env->isolate && isolate_network() < 0)
		conclude(out, TRIAL_ERROR, "cannot make a network namespace");
	else
		drive(w, task, out, deadline);
	if (!env->keep)
		scratch_remove(scratch);
	free(scratch);
}
