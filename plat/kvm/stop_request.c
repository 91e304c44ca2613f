/*
 * The host's request to stop the guest: a non-maskable interrupt, which
 * `tessera stop` and tessera-runtime's `kill ID SIGTERM` inject through QMP
 * (microvm has no ACPI power button).  The guest ends as a Linux process does
 * on SIGTERM's default action: at once, without running exit handlers, with
 * status 128+15 reported on the control port; the host tells this apart
 * from being killed.
 */
#include <tessera/arch/trap.h>
#include <tessera/boot.h>
#include <tessera/plat/shutdown.h>

#define STATUS_TERMINATED (128 + 15) /* SIGTERM */

static bool stop_requested(struct trap_frame *tf)
{
	(void)tf;
	plat_shutdown(STATUS_TERMINATED);
}

static int stop_request_init(void)
{
	return trap_register(TRAP_NMI, stop_requested);
}
INITCALL(stop_request_init, INIT_PLAT);
