// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <string.h>

#include "pp_cond.h"

static enum tristate tri_not(enum tristate t)
{
	return t == TRI_MAYBE ? TRI_MAYBE : t == TRI_YES ? TRI_NO : TRI_YES;
}

static enum tristate tri_and(enum tristate a, enum tristate b)
{
	if (a == TRI_NO || b == TRI_NO)
		return TRI_NO;
	return a == TRI_YES && b == TRI_YES ? TRI_YES : TRI_MAYBE;
}

static enum tristate tri_or(enum tristate a, enum tristate b)
{
	return tri_not(tri_and(tri_not(a), tri_not(b)));
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

static size_t ident_length(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && (isalnum((unsigned char)p[n]) || p[n] == '_'))
		n++;
	return n;
}

/* One "defined(X)", "defined X" or "!defined(X)" term; sets *next past it. */
static enum tristate eval_term(struct pp_cond *pp, const char *p, const char *end,
			       const char **next)
{
	bool negate = false, paren;
	size_t n;

	p = skip_blanks(p, end);
	if (p < end && *p == '!') {
		negate = true;
		p = skip_blanks(p + 1, end);
	}
	if ((size_t)(end - p) < 7 || strncmp(p, "defined", 7))
		return TRI_MAYBE;
	p = skip_blanks(p + 7, end);
	paren = p < end && *p == '(';
	p = skip_blanks(p + paren, end);
	n = ident_length(p, end);
	if (!n)
		return TRI_MAYBE;
	*next = skip_blanks(p + n, end);
	if (paren) {
		if (*next >= end || **next != ')')
			return TRI_MAYBE;
		*next = skip_blanks(*next + 1, end);
	}
	enum tristate t = pp->is_defined(p, n, pp->ctx);
	return negate ? tri_not(t) : t;
}

/* A conjunction of defined() terms; anything else is undecided. */
static enum tristate eval_condition(struct pp_cond *pp, const char *p, const char *end)
{
	enum tristate all = TRI_YES;

	for (;;) {
		const char *next = NULL;

		all = tri_and(all, eval_term(pp, p, end, &next));
		if (!next)
			return all == TRI_NO ? TRI_NO : TRI_MAYBE;
		if (next >= end)
			return all;
		if (end - next < 2 || strncmp(next, "&&", 2))
			return all == TRI_NO ? TRI_NO : TRI_MAYBE;
		p = next + 2;
	}
}

static bool keyword(const char **p, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - *p) < n || strncmp(*p, word, n) || ident_length(*p, end) != n)
		return false;
	*p = skip_blanks(*p + n, end);
	return true;
}

static void push(struct pp_cond *pp, enum tristate t)
{
	if (pp->depth < PP_COND_DEPTH)
		pp->frames[pp->depth] = (struct pp_frame){t, t};
	pp->depth++;
}

static struct pp_frame *top(struct pp_cond *pp)
{
	return pp->depth > 0 && pp->depth <= PP_COND_DEPTH ? &pp->frames[pp->depth - 1] : NULL;
}

void pp_cond_directive(struct pp_cond *pp, const char *text, size_t len)
{
	const char *p = skip_blanks(text, text + len), *end = text + len;
	struct pp_frame *f;

	if (keyword(&p, end, "ifdef")) {
		push(pp, pp->is_defined(p, ident_length(p, end), pp->ctx));
	} else if (keyword(&p, end, "ifndef")) {
		push(pp, tri_not(pp->is_defined(p, ident_length(p, end), pp->ctx)));
	} else if (keyword(&p, end, "if")) {
		push(pp, eval_condition(pp, p, end));
	} else if (keyword(&p, end, "elif") && (f = top(pp))) {
		enum tristate e = eval_condition(pp, p, end);

		f->current = tri_and(tri_not(f->taken), e);
		f->taken = tri_or(f->taken, e);
	} else if (keyword(&p, end, "else") && (f = top(pp))) {
		f->current = tri_not(f->taken);
		f->taken = TRI_YES;
	} else if (keyword(&p, end, "endif") && pp->depth > 0) {
		pp->depth--;
	}
}

bool pp_cond_active(const struct pp_cond *pp)
{
	int n = pp->depth < PP_COND_DEPTH ? pp->depth : PP_COND_DEPTH;

	for (int i = 0; i < n; i++)
		if (pp->frames[i].current == TRI_NO)
			return false;
	return true;
}
