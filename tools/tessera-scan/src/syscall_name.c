// SPDX-License-Identifier: BSD-3-Clause
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>

#include "syscall_name.h"
#include "sysset.h"

static char *names[SYSCALL_MAX];

const char *syscall_name(int nr)
{
	if (!syscall_nr_valid(nr))
		return "syscall_invalid";
	if (!names[nr]) {
		names[nr] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);
		if (!names[nr] && asprintf(&names[nr], "syscall_%d", nr) < 0)
			abort();
	}
	return names[nr];
}

int syscall_number(const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name);

	return syscall_nr_valid(nr) ? nr : -1;
}
