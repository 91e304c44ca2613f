/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Source-level static analysis: the libc functions an app's C sources
 * call or take the address of, mapped through the musl-derived table to
 * syscalls, plus SYS_x / __NR_x used directly. A function the app defines
 * itself hides libc's of the same name, as the linker would have it.
 */
#ifndef TS_STATIC_SRC_H
#define TS_STATIC_SRC_H

#include <jansson.h>

struct src_scope {
	const char *const *dirs;    /* subdirectories to scan, NULL-terminated; NULL: all */
	const char *const *exclude; /* fnmatch patterns of paths below the source root */
};

/* table NULL: the committed data/musl-syscalls.json. */
json_t *static_src_json(const char *src_dir, const struct src_scope *scope, const char *table);

#endif
