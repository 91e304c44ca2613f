// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_scan.h"

enum tok_kind { TOK_END, TOK_IDENT, TOK_PUNCT, TOK_OTHER };

struct token {
	enum tok_kind kind;
	const char *start;
	size_t len;
	bool in_directive;
	const char *directive; /* set on a directive's first token: its whole text */
	size_t directive_len;
};

struct lexer {
	const char *p, *end;
	bool line_start;       /* only blanks since the last newline */
	bool in_directive;     /* between a '#' at line start and the end of its line */
	const char *directive; /* text of a directive whose first token is next */
};

static void skip_quoted(struct lexer *lx, char quote)
{
	for (lx->p++; lx->p < lx->end && *lx->p != quote && *lx->p != '\n'; lx->p++)
		if (*lx->p == '\\' && lx->p + 1 < lx->end)
			lx->p++;
	if (lx->p < lx->end)
		lx->p++;
}

/* Skips blanks and comments; notes line ends, which close directives. */
static void skip_space(struct lexer *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '\n') {
			lx->line_start = true;
			lx->in_directive = false;
			lx->p++;
		} else if (*lx->p == '\\' && lx->p + 1 < lx->end && lx->p[1] == '\n') {
			lx->p += 2; /* a continued line stays in its directive */
		} else if (isspace((unsigned char)*lx->p)) {
			lx->p++;
		} else if (lx->p + 1 < lx->end && lx->p[0] == '/' && lx->p[1] == '/') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (lx->p + 1 < lx->end && lx->p[0] == '/' && lx->p[1] == '*') {
			const char *close = NULL;

			for (const char *q = lx->p + 2; q + 1 < lx->end && !close; q++)
				if (q[0] == '*' && q[1] == '/')
					close = q;
			lx->p = close ? close + 2 : lx->end;
		} else {
			return;
		}
	}
}

/* Up to the first newline that is not escaped by a backslash. */
static size_t directive_length(const char *start, const char *end)
{
	const char *q = start;

	while (q < end && (*q != '\n' || (q > start && q[-1] == '\\')))
		q++;
	return q - start;
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static void next_token(struct lexer *lx, struct token *t)
{
	for (;;) {
		skip_space(lx);
		if (lx->p >= lx->end) {
			*t = (struct token){.kind = TOK_END};
			return;
		}
		if (*lx->p == '#' && lx->line_start) {
			lx->in_directive = true;
			lx->line_start = false;
			lx->directive = ++lx->p;
			continue;
		}
		lx->line_start = false;
		if (*lx->p != '"' && *lx->p != '\'')
			break;
		skip_quoted(lx, *lx->p);
	}
	t->start = lx->p;
	t->in_directive = lx->in_directive;
	t->directive = lx->directive;
	t->directive_len = lx->directive ? directive_length(lx->directive, lx->end) : 0;
	lx->directive = NULL;
	if (isalpha((unsigned char)*lx->p) || *lx->p == '_') {
		while (lx->p < lx->end && is_ident_char(*lx->p))
			lx->p++;
		t->kind = TOK_IDENT;
	} else if (isdigit((unsigned char)*lx->p)) {
		while (lx->p < lx->end && (is_ident_char(*lx->p) || *lx->p == '.'))
			lx->p++;
		t->kind = TOK_OTHER;
	} else {
		/* "->" is kept whole: a member name after it is not a function. */
		lx->p += lx->p + 1 < lx->end && lx->p[0] == '-' && lx->p[1] == '>' ? 2 : 1;
		t->kind = TOK_PUNCT;
	}
	t->len = lx->p - t->start;
}

static bool is_punct(const struct token *t, const char *s)
{
	return t->kind == TOK_PUNCT && t->len == strlen(s) && !memcmp(t->start, s, t->len);
}

static bool is_word(const struct token *t, const char *s)
{
	return t->kind == TOK_IDENT && t->len == strlen(s) && !memcmp(t->start, s, t->len);
}

/* Tracks top-level structure to tell definitions from declarations. */
struct scanner {
	struct lexer lx;
	struct token prev, cur, next;
	int depth, paren, fn_depth; /* fn_depth: brace depth of the open body, or -1 */
	struct token candidate;	    /* "name(" seen at top level */
	bool candidate_static, saw_static, closed_candidate;
	bool in_variable; /* inside a top-level initializer */
	c_event_fn fn;
	void *ctx;
};

static void emit(struct scanner *s, enum c_event_kind kind, const struct token *t, bool is_static)
{
	struct c_event ev = {
		.kind = kind,
		.name = t->start,
		.len = t->len,
		.is_static = is_static,
		.in_directive = t->in_directive,
		.depth = s->depth,
	};

	s->fn(s->ctx, &ev);
}

/* An identifier standing alone as an operand, like "open" in "{ open, 0 }". */
static bool is_value_use(const struct scanner *s)
{
	static const char *const before[] = {",", "(", "=", "{", ")", "?", ":", "&"};
	static const char *const after[] = {",", ")", "}", ";"};
	bool ok_before = is_word(&s->prev, "return"), ok_after = false;

	for (size_t i = 0; i < sizeof(before) / sizeof(before[0]); i++)
		ok_before |= is_punct(&s->prev, before[i]);
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++)
		ok_after |= is_punct(&s->next, after[i]);
	return ok_before && ok_after;
}

static void on_identifier(struct scanner *s)
{
	bool member = is_punct(&s->prev, ".") || is_punct(&s->prev, "->");

	if (is_word(&s->cur, "static") && !s->depth)
		s->saw_static = true;
	if (is_punct(&s->next, "(") && !member) {
		if (!s->depth && !s->paren && !s->cur.in_directive) {
			s->candidate = s->cur;
			s->candidate_static = s->saw_static;
			s->closed_candidate = false;
		}
		emit(s, C_CALL, &s->cur, false);
	} else if (is_punct(&s->next, "=") && !s->depth && !s->paren && !s->cur.in_directive) {
		s->in_variable = true;
		emit(s, C_VARIABLE, &s->cur, s->saw_static);
	} else if (!member && is_value_use(s)) {
		emit(s, C_REFERENCE, &s->cur, false);
	} else {
		emit(s, C_IDENTIFIER, &s->cur, false);
	}
}

static void on_punct(struct scanner *s)
{
	if (s->cur.in_directive)
		return;
	if (is_punct(&s->cur, "(")) {
		s->paren++;
	} else if (is_punct(&s->cur, ")")) {
		s->paren -= s->paren > 0;
		if (!s->depth && !s->paren && s->candidate.start)
			s->closed_candidate = is_punct(&s->next, "{");
	} else if (is_punct(&s->cur, "{")) {
		if (!s->depth && s->closed_candidate) {
			emit(s, C_DEFINITION, &s->candidate, s->candidate_static);
			s->fn_depth = 0;
		}
		s->depth++;
	} else if (is_punct(&s->cur, "}")) {
		s->depth -= s->depth > 0;
		if (!s->depth && s->fn_depth == 0) {
			emit(s, C_DEFINITION_END, &s->cur, false);
			s->fn_depth = -1;
		}
	}
	if (!s->depth && s->in_variable && is_punct(&s->cur, ";")) {
		emit(s, C_VARIABLE_END, &s->cur, false);
		s->in_variable = false;
	}
	if (!s->depth && (is_punct(&s->cur, ";") || is_punct(&s->cur, "}"))) {
		s->saw_static = false;
		s->candidate.start = NULL;
		s->closed_candidate = false;
	}
}

void c_scan_text(const char *text, size_t len, c_event_fn fn, void *ctx)
{
	struct scanner s = {
		.lx = {text, text + len, true, false}, .fn_depth = -1, .fn = fn, .ctx = ctx};

	next_token(&s.lx, &s.cur);
	next_token(&s.lx, &s.next);
	while (s.cur.kind != TOK_END) {
		if (s.cur.directive) {
			struct c_event ev = {.kind = C_DIRECTIVE,
					     .name = s.cur.directive,
					     .len = s.cur.directive_len,
					     .in_directive = true,
					     .depth = s.depth};
			fn(ctx, &ev);
		}
		if (s.cur.kind == TOK_IDENT)
			on_identifier(&s);
		else if (s.cur.kind == TOK_PUNCT)
			on_punct(&s);
		s.prev = s.cur;
		s.cur = s.next;
		next_token(&s.lx, &s.next);
	}
}

int c_scan_file(const char *path, c_event_fn fn, void *ctx)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long len;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
		fclose(f);
		return -1;
	}
	text = malloc(len + 1);
	if (!text || fread(text, 1, len, f) != (size_t)len) {
		free(text);
		fclose(f);
		return -1;
	}
	fclose(f);
	c_scan_text(text, len, fn, ctx);
	free(text);
	return 0;
}
