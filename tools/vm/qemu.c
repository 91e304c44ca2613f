/* QEMU's command line for a Tessera guest (see vm.h for the wiring). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm.h"

#define MAX_QEMU_ARGS (64 + 4 * VM_MAX_VOLUMES)

/* QEMU's option syntax: a comma inside a value is written twice. */
static void escape_commas(char *out, size_t size, const char *value)
{
	size_t n = 0;

	for (; *value && n + 2 < size; value++) {
		if (*value == ',')
			out[n++] = ',';
		out[n++] = *value;
	}
	out[n] = '\0';
}

char **vm_qemu_argv(const struct vm_config *cfg)
{
	char **argv = calloc(MAX_QEMU_ARGS, sizeof(*argv));
	static char memory[32];
	static char control[64];
	static char qmp[2 * 4096 + 64];
	static char nic[64];
	static char fsdev[VM_MAX_VOLUMES][2 * 4096 + 64], device[VM_MAX_VOLUMES][64];
	char path[2 * 4096];
	int n = 0;

	if (!argv)
		return NULL;
	snprintf(memory, sizeof(memory), "%luM", cfg->memory_mib);
	snprintf(control, sizeof(control), "socket,id=ctl,fd=%d", cfg->control_fd);
#define ARG(...)                                                                                   \
	do {                                                                                       \
		const char *args_[] = {__VA_ARGS__};                                               \
		for (size_t i_ = 0; i_ < sizeof(args_) / sizeof(args_[0]); i_++)                  \
			argv[n++] = (char *)args_[i_];                                             \
	} while (0)
	/* QEMU would append virtio_mmio.device= options after our "--", into the program's argv. */
	ARG(cfg->qemu, "-M", "microvm,acpi=off,auto-kernel-cmdline=off");
	if (cfg->accel == VM_ACCEL_KVM)
		ARG("-accel", "kvm", "-cpu", "host");
	else
		ARG("-accel", "tcg", "-cpu", "max");
	ARG("-m", memory, "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot");
	ARG("-kernel", cfg->image, "-append", cfg->cmdline);
	if (cfg->initrd)
		ARG("-initrd", cfg->initrd);
	ARG("-chardev", "stdio,id=con,signal=on", "-serial", "chardev:con");
	ARG("-chardev", "file,id=log,path=/proc/self/fd/2,append=on");
	ARG("-device", "isa-debugcon,iobase=0xe9,chardev=log");
	ARG("-chardev", control, "-device", "isa-debugcon,iobase=0x402,chardev=ctl");
	ARG("-device", "isa-debug-exit,iobase=0xf4,iosize=4");
	if (cfg->icount)
		ARG("-icount", "shift=0");
	if (cfg->qmp) {
		escape_commas(path, sizeof(path), cfg->qmp);
		snprintf(qmp, sizeof(qmp), "socket,id=qmp,path=%s,server=on,wait=off", path);
		ARG("-chardev", qmp, "-mon", "chardev=qmp,mode=control");
	}
	if (cfg->paused)
		ARG("-S");
	ARG("-global", "virtio-mmio.force-legacy=false");
	if (cfg->netdev) {
		snprintf(nic, sizeof(nic), "virtio-net-device,netdev=net0%s%s", cfg->mac ? ",mac=" : "",
			 cfg->mac ?: "");
		ARG("-netdev", cfg->netdev, "-device", nic);
	}
	for (int i = 0; i < cfg->nr_volumes && i < VM_MAX_VOLUMES; i++) {
		escape_commas(path, sizeof(path), cfg->volumes[i].host);
		/* security_model=none: files are created as the user running QEMU. */
		snprintf(fsdev[i], sizeof(fsdev[i]), "local,id=fs%d,path=%s,security_model=none%s", i,
			 path, cfg->volumes[i].readonly ? ",readonly=on" : "");
		snprintf(device[i], sizeof(device[i]), "virtio-9p-device,fsdev=fs%d,mount_tag=ts%d", i,
			 i);
		ARG("-fsdev", fsdev[i], "-device", device[i]);
	}
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
