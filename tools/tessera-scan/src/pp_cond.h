/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Follows #if/#ifdef/#elif/#else/#endif to tell whether code is compiled,
 * for conditions an oracle can decide (such as "is SYS_pipe defined on
 * x86_64?"). Anything it cannot decide counts as maybe compiled.
 */
#ifndef TS_PP_COND_H
#define TS_PP_COND_H

#include <stdbool.h>
#include <stddef.h>

enum tristate { TRI_NO, TRI_YES, TRI_MAYBE };

#define PP_COND_DEPTH 64

struct pp_frame {
	enum tristate current; /* is this branch compiled? */
	enum tristate taken;   /* was an earlier branch compiled? */
};

struct pp_cond {
	enum tristate (*is_defined)(const char *name, size_t len, void *ctx);
	void *ctx;
	struct pp_frame frames[PP_COND_DEPTH];
	int depth;
};

/* Feeds one directive's text (what follows the '#'). */
void pp_cond_directive(struct pp_cond *pp, const char *text, size_t len);
/* False only when some enclosing branch is certainly not compiled. */
bool pp_cond_active(const struct pp_cond *pp);

#endif
