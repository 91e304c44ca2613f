// SPDX-License-Identifier: BSD-3-Clause
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fail.h"
#include "jobs.h"

struct slot {
	pid_t pid;
	struct trial_task task;
	struct trial_result *result; /* shared with the worker */
};

static void launch(const struct jobs_spec *spec, struct slot *s)
{
	s->pid = fork();
	if (s->pid < 0)
		die(1, "fork: cannot start a trial");
	if (s->pid == 0) {
		trial_run(spec->workload, &s->task, spec->env, s->result);
		_exit(0);
	}
}

static struct slot *slot_of(struct slot *slots, int n, pid_t pid)
{
	for (int i = 0; i < n; i++)
		if (slots[i].pid == pid)
			return &slots[i];
	return NULL;
}

static void finish(const struct jobs_spec *spec, struct slot *s, int status)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		s->result->outcome = TRIAL_ERROR;
		snprintf(s->result->why, sizeof(s->result->why), "trial worker crashed");
	}
	s->pid = 0;
	spec->done(spec->ctx, &s->task, s->result);
}

void jobs_run(const struct jobs_spec *spec)
{
	int n = spec->jobs > 0 ? spec->jobs : 1, running = 0, status;
	struct slot *slots = calloc(n, sizeof(*slots));
	struct slot *s;
	pid_t pid;

	if (!slots)
		abort();
	for (int i = 0; i < n; i++) {
		slots[i].result = mmap(NULL, sizeof(struct trial_result), PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (slots[i].result == MAP_FAILED)
			die(1, "mmap: cannot share trial results");
	}
	for (;;) {
		while (running < n && (s = slot_of(slots, n, 0)) &&
		       spec->next(spec->ctx, &s->task)) {
			launch(spec, s);
			running++;
		}
		if (!running)
			break;
		pid = wait(&status);
		s = pid > 0 ? slot_of(slots, n, pid) : NULL;
		if (s) {
			running--;
			finish(spec, s, status);
		}
	}
	for (int i = 0; i < n; i++)
		munmap(slots[i].result, sizeof(struct trial_result));
	free(slots);
}
