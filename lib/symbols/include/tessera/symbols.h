/*
 * The kernel's own symbol table, embedded by the second link of the build
 * (tools/build/gen-symbols.py), for backtraces and crash reports.
 */
#ifndef TESSERA_SYMBOLS_H
#define TESSERA_SYMBOLS_H

#include <stdint.h>

/* Name of the function containing addr and the offset into it, or NULL. */
const char *symbols_lookup(uintptr_t addr, uintptr_t *offset);

#endif
