/*
 * A container with process.terminal: a new pseudo-terminal whose master
 * goes to the caller over the --console-socket (SCM_RIGHTS, the message
 * naming the terminal, as runc sends it) and whose slave becomes our stdin,
 * stdout and stderr, hence the guest console's.
 */
#ifndef TESSERA_RUNTIME_CONSOLE_H
#define TESSERA_RUNTIME_CONSOLE_H

#include <stddef.h>

/* 0, or -1 with a reason in error. */
int console_setup(const char *socket_path, char *error, size_t len);

#endif
