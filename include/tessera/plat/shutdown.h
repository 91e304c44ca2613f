/*
 * Stopping the machine.  The status reaches the host: on QEMU through the
 * isa-debug-exit device (QEMU exits with 2*status+1) and, since an exit code
 * has only 8 bits, also as a line on the control port that the CLI reads.
 */
#ifndef TESSERA_PLAT_SHUTDOWN_H
#define TESSERA_PLAT_SHUTDOWN_H

#include <tessera/compiler.h>

/* The application finished with status. */
__noreturn void plat_shutdown(int status);
/* The kernel or the application crashed; status follows the shell's 128+signal rule. */
__noreturn void plat_crash(int status);

#endif
