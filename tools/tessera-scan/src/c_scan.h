/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A light C scanner, not a compiler: it skips comments, strings and
 * character constants, keeps preprocessor lines apart, and reports the
 * function and variable definitions, calls and bare identifiers of a
 * source file.
 * Both musl's libc table and the app source analysis are built on it.
 */
#ifndef TS_C_SCAN_H
#define TS_C_SCAN_H

#include <stdbool.h>
#include <stddef.h>

enum c_event_kind {
	C_DEFINITION,	  /* a function body starts */
	C_DEFINITION_END, /* and ends */
	C_VARIABLE,	  /* a top-level "name = ..." initializer starts */
	C_VARIABLE_END,	  /* at its ';' */
	C_CALL,		  /* identifier followed by '(' */
	C_REFERENCE,	  /* identifier used as a value: a function's address */
	C_IDENTIFIER,	  /* any other identifier */
	C_DIRECTIVE,	  /* a preprocessor line: name/len is its text after '#' */
};

struct c_event {
	enum c_event_kind kind;
	const char *name; /* not NUL-terminated */
	size_t len;
	bool is_static;	   /* C_DEFINITION, C_VARIABLE: has internal linkage */
	bool in_directive; /* inside a preprocessor line */
	int depth;	   /* brace depth */
};

typedef void (*c_event_fn)(void *ctx, const struct c_event *ev);

/* Scans text[0..len); events arrive in source order. */
void c_scan_text(const char *text, size_t len, c_event_fn fn, void *ctx);
/* Reads and scans a file; returns -1 if it cannot be read. */
int c_scan_file(const char *path, c_event_fn fn, void *ctx);

#endif
