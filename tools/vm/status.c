/* From the control port's last line and QEMU's wait status to the program's exit status. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "vm.h"

struct vm_outcome vm_parse_control(const char *text)
{
	struct vm_outcome o = {VM_NO_REPORT, 0};
	const char *line = text, *p;
	char word[8];
	int status;

	/* The last non-empty line. */
	for (p = text; *p; p++) {
		if (p[0] == '\n' && p[1] && p[1] != '\n')
			line = p + 1;
	}
	if (sscanf(line, "%7s %d", word, &status) != 2 || status < 0 || status > 255)
		return o;
	if (!strcmp(word, "exit"))
		o.kind = VM_EXITED;
	else if (!strcmp(word, "crash"))
		o.kind = VM_CRASHED;
	else
		return o;
	o.status = status;
	return o;
}

int vm_exit_status(struct vm_outcome outcome, int wait_status, int stop_signal,
		   const char **message)
{
	static char buf[96];

	*message = NULL;
	switch (outcome.kind) {
	case VM_CRASHED:
		snprintf(buf, sizeof(buf), "the unikernel crashed (exit status %d)", outcome.status);
		*message = buf;
		/* fall through */
	case VM_EXITED:
		return outcome.status;
	case VM_NO_REPORT:
		break;
	}
	if (stop_signal == SIGINT) {
		*message = "interrupted";
		return VM_STATUS_INTERRUPTED;
	}
	if (stop_signal) { /* the guest was stopped before it could report */
		snprintf(buf, sizeof(buf), "stopped by signal %d", stop_signal);
		*message = buf;
		return 128 + stop_signal;
	}
	if (WIFSIGNALED(wait_status)) {
		snprintf(buf, sizeof(buf), "QEMU was killed by signal %d", WTERMSIG(wait_status));
		*message = buf;
		return 128 + WTERMSIG(wait_status);
	}
	if (WEXITSTATUS(wait_status) & 1)
		return (WEXITSTATUS(wait_status) - 1) / 2; /* isa-debug-exit without a report */
	if (WEXITSTATUS(wait_status) == 0) {
		*message = "the unikernel stopped without reporting a status (reset or triple fault)";
		return 1;
	}
	snprintf(buf, sizeof(buf), "QEMU failed (status %d)", WEXITSTATUS(wait_status));
	*message = buf;
	return WEXITSTATUS(wait_status);
}
