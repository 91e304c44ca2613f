/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The result document of one workload study: the JSON that "run" writes
 * and that every report and "gap" read. Keys are documented in README.md.
 */
#ifndef TS_RESULT_DOC_H
#define TS_RESULT_DOC_H

#include <jansson.h>

#include "classify.h"

#define RESULT_FORMAT 1

json_t *result_doc_new(const struct workload *w, const struct classify_opts *opts,
		       const struct classification *c);
/* Syscall names of a result list ("traced", or a static analysis's "syscalls"). */
json_t *sysset_to_json(const struct sysset *set);
int sysset_from_json(json_t *names, struct sysset *set);
json_t *trace_paths_json(const struct trace_result *t);

#endif
