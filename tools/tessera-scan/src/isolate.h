/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trials run side by side, so each gets a network namespace of its own
 * (servers can all listen on their usual port) and a scratch directory.
 */
#ifndef TS_ISOLATE_H
#define TS_ISOLATE_H

#include <stdbool.h>

/* True when this process may make namespaces (root); else warns once. */
bool isolate_available(void);
/* Moves the calling process into a new network namespace with lo up. */
int isolate_network(void);
/* Makes a fresh directory under base; returns a malloc'ed path or NULL. */
char *scratch_make(const char *base);
/* Removes a directory tree; errors are ignored on purpose (best effort). */
void scratch_remove(const char *dir);

#endif
