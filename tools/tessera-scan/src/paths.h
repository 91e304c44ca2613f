/* SPDX-License-Identifier: BSD-3-Clause */
/* Where the tool's own files live: recipes, data, cache, results. */
#ifndef TS_PATHS_H
#define TS_PATHS_H

/* The tools/tessera-scan directory: $TESSERA_SCAN_DIR, or found from the executable. */
const char *tool_dir(void);
/* $TESSERA_SCAN_CACHE, or .cache/ in the tool directory. */
const char *cache_dir(void);
/* Returns a malloc'ed "dir/name". */
char *path_join(const char *dir, const char *name);
/* mkdir -p; returns -1 with errno set on failure. */
int make_dirs(const char *path);

#endif
