/*
 * Choosing the accelerator: KVM only when it really works.
 *
 * Some hosts expose a /dev/kvm that emulates ring-0 guest code instruction
 * by instruction (kvm_pvm) and fails on SSE: far slower than TCG.  So the
 * verdict comes from booting a probe guest under KVM (one SSE instruction and
 * a 10-million-iteration loop, tools/kvm-probe) with a deadline, and is
 * cached per host kernel, QEMU binary and /dev/kvm.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "process.h"
#include "vm.h"

#define PROBE_TIMEOUT_MS 3000
#define PROBE_SUCCESS    (2 * 42 + 1)

static char reason_buf[160];

static void cache_key(const char *qemu, char *buf, size_t len)
{
	struct utsname u;
	struct stat q = {0}, kvm = {0};

	uname(&u);
	stat(qemu, &q);
	stat("/dev/kvm", &kvm);
	snprintf(buf, len, "%s|%s|%ld|%lu", u.release, qemu, (long)q.st_mtime,
		 (unsigned long)kvm.st_rdev);
}

/* The probe image is built beside this program (tools/vm/Makefile). */
static void probe_image(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	buf[n > 0 ? n : 0] = '\0';
	slash = strrchr(buf, '/');
	if (slash)
		snprintf(slash + 1, len - (slash + 1 - buf), "kvm-probe.elf");
}

static enum vm_accel run_probe(const char *qemu)
{
	char image[PATH_MAX];
	char *argv[] = {(char *)qemu, "-M", "microvm", "-accel", "kvm", "-cpu", "host", "-m", "16",
			"-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
			"-kernel", image, "-device", "isa-debug-exit,iobase=0xf4,iosize=4", NULL};
	int status = 0;
	pid_t pid;

	probe_image(image, sizeof(image));
	pid = process_spawn(argv, true, -1);
	if (pid < 0) {
		snprintf(reason_buf, sizeof(reason_buf), "cannot start %s", qemu);
		return VM_ACCEL_TCG;
	}
	switch (process_wait(pid, PROBE_TIMEOUT_MS, &status)) {
	case WAIT_TIMED_OUT:
		snprintf(reason_buf, sizeof(reason_buf),
			 "the KVM probe guest did not finish within %d s", PROBE_TIMEOUT_MS / 1000);
		return VM_ACCEL_TCG;
	case WAIT_ERROR:
		snprintf(reason_buf, sizeof(reason_buf), "waiting for the KVM probe guest failed");
		return VM_ACCEL_TCG;
	case WAIT_EXITED:
		break;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != PROBE_SUCCESS) {
		snprintf(reason_buf, sizeof(reason_buf), "the KVM probe guest failed (QEMU status %d)",
			 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		return VM_ACCEL_TCG;
	}
	snprintf(reason_buf, sizeof(reason_buf), "the KVM probe guest ran");
	return VM_ACCEL_KVM;
}

static bool read_cache(const char *path, const char *key, enum vm_accel *accel)
{
	char line[512], verdict[8];
	FILE *f = fopen(path, "r");
	bool hit = false;

	if (!f)
		return false;
	if (fgets(line, sizeof(line), f) && !strncmp(line, key, strlen(key)) &&
	    line[strlen(key)] == '\n' && fscanf(f, "%7s ", verdict) == 1 &&
	    fgets(reason_buf, sizeof(reason_buf), f)) {
		reason_buf[strcspn(reason_buf, "\n")] = '\0';
		*accel = strcmp(verdict, "kvm") ? VM_ACCEL_TCG : VM_ACCEL_KVM;
		hit = true;
	}
	fclose(f);
	return hit;
}

static void write_cache(const char *path, const char *key, enum vm_accel accel)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fprintf(f, "%s\n%s %s\n", key, accel == VM_ACCEL_KVM ? "kvm" : "tcg", reason_buf);
		fclose(f);
	}
}

enum vm_accel vm_choose_accel(const char *qemu, bool refresh, const char **reason)
{
	char path[PATH_MAX], key[512];
	enum vm_accel accel;

	*reason = reason_buf;
	if (access("/dev/kvm", F_OK)) {
		snprintf(reason_buf, sizeof(reason_buf), "no /dev/kvm");
		return VM_ACCEL_TCG;
	}
	if (access("/dev/kvm", R_OK | W_OK)) {
		snprintf(reason_buf, sizeof(reason_buf), "no access to /dev/kvm");
		return VM_ACCEL_TCG;
	}
	vm_cache_file("accel", path, sizeof(path));
	cache_key(qemu, key, sizeof(key));
	if (!refresh && read_cache(path, key, &accel))
		return accel;
	accel = run_probe(qemu);
	if (accel == VM_ACCEL_TCG)
		fprintf(stderr, "tessera: KVM is not usable here (%s); using TCG\n", reason_buf);
	write_cache(path, key, accel);
	return accel;
}
