/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Finds a DT_NEEDED library the way the host's dynamic loader does:
 * DT_RPATH (when there is no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH,
 * the directories of /etc/ld.so.conf (what ld.so.cache is built from),
 * then the default system directories. $ORIGIN is expanded.
 */
#ifndef TS_LDSEARCH_H
#define TS_LDSEARCH_H

#include "elf_image.h"

/* Returns a malloc'ed path, or NULL when the loader would fail too. */
char *ldsearch_find(const char *name, const struct elf_image *requester);
/* Reads an ld.so.conf-style file (with "include" globs) into dirs. */
void ldsearch_read_conf(const char *path, char ***dirs, size_t *n);

#endif
