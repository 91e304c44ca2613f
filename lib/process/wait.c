/* Waiting for children: the one process has none (it cannot fork yet). */
#include <errno.h>
#include <tessera/syscall.h>

SYSCALL_DEFINE4(wait4, int, pid, int *, status, int, options, void *, rusage)
{
	(void)pid, (void)status, (void)rusage;
	return options & ~(1 | 2 | 8 | 0x01000000 | 0x40000000 | 0x80000000 | 0x20000000) ? -EINVAL
											    : -ECHILD;
}

SYSCALL_DEFINE5(waitid, int, which, int, id, void *, info, int, options, void *, rusage)
{
	(void)which, (void)id, (void)info, (void)options, (void)rusage;
	return -ECHILD;
}
