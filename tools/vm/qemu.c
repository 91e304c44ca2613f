/* QEMU's command line for a Tessera guest (see vm.h for the wiring). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm.h"

#define MAX_QEMU_ARGS 48

char **vm_qemu_argv(const struct vm_config *cfg)
{
	char **argv = calloc(MAX_QEMU_ARGS, sizeof(*argv));
	static char memory[32];
	static char control[4096 + 32];
	int n = 0;

	if (!argv)
		return NULL;
	snprintf(memory, sizeof(memory), "%luM", cfg->memory_mib);
	snprintf(control, sizeof(control), "file,id=ctl,path=%s", cfg->control_path);
#define ARG(...)                                                                                   \
	do {                                                                                       \
		const char *args_[] = {__VA_ARGS__};                                               \
		for (size_t i_ = 0; i_ < sizeof(args_) / sizeof(args_[0]); i_++)                  \
			argv[n++] = (char *)args_[i_];                                             \
	} while (0)
	ARG(cfg->qemu, "-M", "microvm,acpi=off");
	if (cfg->accel == VM_ACCEL_KVM)
		ARG("-accel", "kvm", "-cpu", "host");
	else
		ARG("-accel", "tcg", "-cpu", "max");
	ARG("-m", memory, "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot");
	ARG("-kernel", cfg->image, "-append", cfg->cmdline);
	ARG("-chardev", "stdio,id=con,signal=on", "-serial", "chardev:con");
	ARG("-chardev", "file,id=log,path=/proc/self/fd/2,append=on");
	ARG("-device", "isa-debugcon,iobase=0xe9,chardev=log");
	ARG("-chardev", control, "-device", "isa-debugcon,iobase=0x402,chardev=ctl");
	ARG("-device", "isa-debug-exit,iobase=0xf4,iosize=4");
	if (cfg->icount)
		ARG("-icount", "shift=0");
#undef ARG
	argv[n] = NULL;
	return argv;
}

char *vm_find_qemu(void)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *found = NULL;

	if (!path)
		return NULL;
	copy = strdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char candidate[4096];

		snprintf(candidate, sizeof(candidate), "%s/qemu-system-x86_64", *dir ? dir : ".");
		if (access(candidate, X_OK) == 0)
			found = strdup(candidate);
	}
	free(copy);
	return found;
}
