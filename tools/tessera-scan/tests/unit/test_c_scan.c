// SPDX-License-Identifier: BSD-3-Clause
/* The C scanner: definitions, calls, references, directives, and what it must skip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "c_scan.h"

struct seen {
	char text[2048];
};

static void record(void *ctx, const struct c_event *ev)
{
	static const char *const kinds[] = {"def",  "end", "var", "endvar",
					    "call", "ref", "id",  "dir"};
	struct seen *s = ctx;
	size_t n = strlen(s->text);

	snprintf(s->text + n, sizeof(s->text) - n, "%s%s:%.*s%s ", kinds[ev->kind],
		 ev->is_static ? "(static)" : "", (int)ev->len, ev->name,
		 ev->in_directive && ev->kind != C_DIRECTIVE ? "#" : "");
}

static const char *scan(const char *code)
{
	static struct seen s;

	memset(&s, 0, sizeof(s));
	c_scan_text(code, strlen(code), record, &s);
	return s.text;
}

static void definitions_and_calls(void **state)
{
	(void)state;
	assert_string_equal(scan("static int f(int a) { return g(a); }"),
			    "id:static id:int call:f id:int id:a def(static):f id:return call:g "
			    "ref:a end:} ");
}

static void declarations_are_not_definitions(void **state)
{
	(void)state;
	assert_string_equal(scan("int f(void); int h(void) { }"),
			    "id:int call:f ref:void id:int call:h ref:void def:h end:} ");
}

static void comments_strings_and_members_are_skipped(void **state)
{
	(void)state;
	assert_string_equal(
		scan("void m(void) { /* a(1) */ s.b(2); p->c(3); puts(\"d(4)\"); // e(5)\n}"),
		"id:void call:m ref:void def:m id:s id:b id:p id:c call:puts end:} ");
}

static void references_to_functions(void **state)
{
	(void)state;
	assert_string_equal(scan("struct ops o = { .open = open, 0 };"),
			    "id:struct id:ops var:o id:open ref:open endvar:; ");
}

static void directives_are_reported_whole(void **state)
{
	(void)state;
	assert_string_equal(scan("#ifdef SYS_pipe \\\n  x\nint y;\n"),
			    "dir:ifdef SYS_pipe \\\n  x id:ifdef# id:SYS_pipe# id:x# id:int id:y ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(definitions_and_calls),
		cmocka_unit_test(declarations_are_not_definitions),
		cmocka_unit_test(comments_strings_and_members_are_skipped),
		cmocka_unit_test(references_to_functions),
		cmocka_unit_test(directives_are_reported_whole),
	};

	return cmocka_run_group_tests_name("c_scan", tests, NULL, NULL);
}
