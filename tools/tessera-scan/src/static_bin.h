/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binary static analysis. Every "syscall" instruction gets its number by
 * walking back through its basic block to the last write of eax; every
 * call to libc's syscall() wrapper gets it from edi the same way. The
 * executable and each library the loader would map are scanned, and the
 * result is their union, with per-object counts and the unresolved sites.
 */
#ifndef TS_STATIC_BIN_H
#define TS_STATIC_BIN_H

#include <jansson.h>
#include <stdbool.h>

/* The whole analysis as a JSON object; with_libs adds the loader's closure. */
json_t *static_bin_json(const char *binary, bool with_libs);

#endif
