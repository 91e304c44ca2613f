/* SPDX-License-Identifier: BSD-3-Clause */
/* Console output shared by the commands that print analysis results. */
#ifndef TS_JSON_PRINT_H
#define TS_JSON_PRINT_H

#include <jansson.h>

void print_json(json_t *doc);
/* A JSON array of strings as space-separated lines of at most 100 columns. */
void print_name_list(json_t *names);

#endif
