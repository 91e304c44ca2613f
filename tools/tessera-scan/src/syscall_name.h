/* SPDX-License-Identifier: BSD-3-Clause */
/* Syscall names and numbers for x86_64, taken from libseccomp's tables. */
#ifndef TS_SYSCALL_NAME_H
#define TS_SYSCALL_NAME_H

/* Never NULL: unknown numbers get a "syscall_<nr>" name. */
const char *syscall_name(int nr);
/* Returns -1 for a name this architecture does not have. */
int syscall_number(const char *name);

#endif
