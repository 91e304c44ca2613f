/*
 * Power-off on QEMU.  The status goes out twice: as a line on the control
 * port (a debugcon the CLI attaches to a file, since a process exit code has
 * only 8 bits and QEMU's is 2*status+1) and through isa-debug-exit, which
 * ends QEMU.  Without that device, a triple fault resets the machine, which
 * QEMU run with -no-reboot turns into an exit.
 */
#include <tessera/arch/cpu.h>
#include <tessera/arch/irq.h>
#include <tessera/fmt.h>
#include <tessera/plat/control.h>
#include <tessera/plat/shutdown.h>

#define DEBUG_EXIT_PORT 0xf4
#define CONTROL_PORT    0x402

void plat_control_message(const char *line)
{
	for (; *line; line++)
		outb(CONTROL_PORT, *line);
	outb(CONTROL_PORT, '\n');
}

static void report(const char *what, int status)
{
	char line[32];

	fmt_snprintf(line, sizeof(line), "%s %d", what, status);
	plat_control_message(line);
}

static __noreturn void power_off(int status)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed no_idt = {0, 0};

	irq_disable();
	outl(DEBUG_EXIT_PORT, (uint32_t)status & 0xff);
	__asm__ __volatile__("lidt %0; int3" ::"m"(no_idt));
	for (;;)
		__asm__ __volatile__("hlt");
}

void plat_shutdown(int status)
{
	report("exit", status & 0xff);
	power_off(status);
}

void plat_crash(int status)
{
	report("crash", status & 0xff);
	power_off(status);
}
