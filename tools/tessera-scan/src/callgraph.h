/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A function-level call graph over the executable and its libraries, in
 * the manner of Tsai et al.'s binary analysis: functions start at symbols,
 * direct call targets and code addresses stored in data. Edges are direct
 * calls and jumps, calls through the PLT or GOT (bound to the first object
 * exporting the name, as the loader binds), and taken addresses: code that
 * loads a function's address, or the address of a data object (a table
 * with a symbol) holding function pointers, may call those functions.
 * Roots are the entry point, the constructors and, for the executable,
 * every function its data points to (its stripped callback tables).
 */
#ifndef TS_CALLGRAPH_H
#define TS_CALLGRAPH_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"
#include "insn_summary.h"
#include "sysset.h"

struct fn_node {
	uint64_t start;
	struct sysset syscalls;
	int unresolved;
	size_t *callees; /* function indexes in the same object */
	size_t ncallees;
	char **imports; /* names bound in another object, or this one */
	size_t nimports;
};

struct fn_export {
	char *name;
	size_t fn;
};

struct data_pointer {
	uint64_t at; /* where in data */
	size_t fn;   /* the function it points to */
};

struct address_range {
	uint64_t start, end;
};

struct object_graph {
	struct fn_node *fns; /* sorted by start */
	size_t n;
	struct data_pointer *pointers; /* sorted by address */
	size_t npointers;
	struct address_range *code, *objects;
	size_t ncode, nobjects;
	struct fn_export *exports;
	size_t nexports;
	size_t *roots;
	size_t nroots;
};

/* Finds the functions of an object; roots: its constructors, and its entry if is_root. */
void graph_init(struct object_graph *g, const struct elf_image *img,
		const struct code_summary *sections, bool is_root);
void graph_free(struct object_graph *g);
/* The function containing addr. */
size_t graph_function_at(const struct object_graph *g, uint64_t addr);
void graph_add_call(struct object_graph *g, size_t from, uint64_t target);
void graph_add_import(struct object_graph *g, size_t from, const char *name);
/* Code at from loads the address addr: of a function, or of a table of them. */
void graph_add_reference(struct object_graph *g, size_t from, uint64_t addr);
/* {"count", "syscalls", "functions", "unresolved_sites"} over all objects, in load order. */
json_t *graph_reachable_json(struct object_graph *const *graphs, size_t n);

#endif
