/* Running QEMU: spawn, wait with a deadline, note Ctrl-C. */
#ifndef TESSERA_VM_PROCESS_H
#define TESSERA_VM_PROCESS_H

#include <stdbool.h>
#include <sys/types.h>

enum wait_result { WAIT_EXITED, WAIT_TIMED_OUT, WAIT_ERROR };

/*
 * Start argv[0] with argv; the child keeps our stdio unless quiet (then
 * /dev/null), and gets stdin_fd as its stdin when that is not -1.  It is
 * killed (SIGKILL) when the calling process dies.
 */
pid_t process_spawn(char *const argv[], bool quiet, int stdin_fd);
/* Wait for pid for at most timeout_ms (negative: forever); kills it on timeout. */
enum wait_result process_wait(pid_t pid, int timeout_ms, int *wait_status);
/* The same, with a pidfd and a deadline from now_ms(), for event loops (session.c). */
long process_now_ms(void);
/* Ignore SIGINT in this process, but remember that it came. */
void process_note_interrupts(void);
bool process_interrupted(void);

#endif
