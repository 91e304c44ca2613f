/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Derives, from musl's own source, which syscalls each libc function may
 * make: the SYS_* names in its body, plus those of the musl functions it
 * calls, to a fixed point. x86_64 files replace generic ones as in musl's
 * build; other architectures are skipped. The numbers come from musl's
 * arch/x86_64/bits/syscall.h.in, so nothing here is typed by hand.
 */
#ifndef TS_MUSL_TABLE_H
#define TS_MUSL_TABLE_H

#include <jansson.h>

/* The table as {"generator":..., "source":..., "functions": {name: [syscalls]}}. */
json_t *musl_table_build(const char *musl_dir, char *err, size_t errlen);

#endif
