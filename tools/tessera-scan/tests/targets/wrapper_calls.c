// SPDX-License-Identifier: BSD-3-Clause
/*
 * Calls libc's syscall() wrapper: two constant numbers (gettid, getppid)
 * and one computed at run time, which must stay unresolved.
 */
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	(void)argv;
	syscall(SYS_gettid);
	syscall(SYS_getppid);
	return (int)syscall(argc + 500);
}
