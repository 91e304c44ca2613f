// SPDX-License-Identifier: BSD-3-Clause
/* Conditional compilation as decided by an oracle that knows SYS_a only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "pp_cond.h"

static enum tristate knows_sys_a(const char *name, size_t len, void *ctx)
{
	(void)ctx;
	if (len > 4 && !strncmp(name, "SYS_", 4))
		return len == 5 && name[4] == 'a' ? TRI_YES : TRI_NO;
	return TRI_MAYBE;
}

static bool after(struct pp_cond *pp, const char *const *lines)
{
	for (; *lines; lines++)
		pp_cond_directive(pp, *lines, strlen(*lines));
	return pp_cond_active(pp);
}

static struct pp_cond fresh(void)
{
	return (struct pp_cond){.is_defined = knows_sys_a};
}

static void ifdef_and_else(void **state)
{
	struct pp_cond pp = fresh();

	(void)state;
	assert_true(after(&pp, (const char *[]){"ifdef SYS_a", NULL}));
	assert_false(after(&pp, (const char *[]){"else", NULL}));
	assert_true(after(&pp, (const char *[]){"endif", NULL}));
	assert_false(after(&pp, (const char *[]){"ifdef SYS_b", NULL}));
	assert_true(after(&pp, (const char *[]){"else", NULL}));
}

static void defined_expressions(void **state)
{
	struct pp_cond pp = fresh();

	(void)state;
	assert_true(after(&pp, (const char *[]){"if defined(SYS_a) && !defined(SYS_b)", NULL}));
	assert_false(after(&pp, (const char *[]){"elif defined(SYS_a)", NULL}));
	assert_false(after(&pp, (const char *[]){"else", "endif", "if !defined SYS_a", NULL}));
}

static void undecided_conditions_stay_active(void **state)
{
	struct pp_cond pp = fresh();

	(void)state;
	assert_true(after(&pp, (const char *[]){"if FOO > 1", NULL}));
	assert_true(after(&pp, (const char *[]){"else", NULL}));
	assert_true(after(&pp, (const char *[]){"ifndef SYS_a", "endif", NULL}));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ifdef_and_else),
		cmocka_unit_test(defined_expressions),
		cmocka_unit_test(undecided_conditions_stay_active),
	};

	return cmocka_run_group_tests_name("pp_cond", tests, NULL, NULL);
}
