/*
 * membarrier: with one CPU, entering the kernel already orders memory for
 * every thread of the machine, so each barrier is satisfied by the call
 * itself.  What remains is Linux's bookkeeping: the private commands need a
 * registration first (-EPERM without), registrations are inherited by fork
 * and dropped by execve, and the rseq commands behave as on a kernel built
 * without CONFIG_RSEQ (rseq itself is -ENOSYS here): not offered, -EINVAL.
 */
#include <errno.h>
#include <linux/membarrier.h>
#include <tessera/process_state.h>
#include <tessera/syscall.h>
#include "proc.h"

#define CMD_GET_REGISTRATIONS (1 << 9) /* Linux 6.3 */
#define SUPPORTED                                                                                  \
	(MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |                                 \
	 MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED |             \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE |  \
	 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE | CMD_GET_REGISTRATIONS)

static long registered(unsigned int registration)
{
	return process_current()->inherited.membarrier_registered & registration ? 0 : -EPERM;
}

static long do_register(unsigned int registration)
{
	process_current()->inherited.membarrier_registered |= registration;
	return 0;
}

SYSCALL_DEFINE3(membarrier, int, cmd, unsigned int, flags, int, cpu_id)
{
	(void)cpu_id;
	if (flags && (cmd != MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ || flags != MEMBARRIER_CMD_FLAG_CPU))
		return -EINVAL;
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return SUPPORTED;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		return registered(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		return registered(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE);
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
		return do_register(cmd);
	case CMD_GET_REGISTRATIONS:
		return process_current()->inherited.membarrier_registered;
	default: /* the rseq commands included */
		return -EINVAL;
	}
}

static void membarrier_exec(void)
{
	process_current()->inherited.membarrier_registered = 0;
}
PROCESS_STATE(membarrier, NULL, NULL, membarrier_exec);
