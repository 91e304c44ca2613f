// SPDX-License-Identifier: BSD-3-Clause
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock_ms.h"
#include "shell.h"

#define POLL_MS 10

static void __attribute__((noreturn)) exec_shell(const char *command, const char *log_path)
{
	int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	setpgid(0, 0);
	if (log >= 0) {
		dup2(log, STDOUT_FILENO);
		dup2(log, STDERR_FILENO);
	}
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	_exit(127);
}

static void kill_group(pid_t pid, int *status)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
}

int shell_run(const char *command, const char *log_path, long deadline_ms,
	      const struct shell_watch *watch)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return 127;
	if (pid == 0)
		exec_shell(command, log_path);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_ms() >= deadline_ms) {
			kill_group(pid, &status);
			return SHELL_TIMED_OUT;
		}
		if (watch && watch->give_up(watch->ctx)) {
			kill_group(pid, &status);
			return SHELL_ABANDONED;
		}
		sleep_ms(POLL_MS);
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
