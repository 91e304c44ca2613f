/*
 * table.c: lookups by (file, fd) through growth, removal and failed
 * allocations, against a plain array model.  The allocator is the host's,
 * behind Tessera's allocator interface, and can be made to fail.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <tessera/alloc.h>
#include "table.h"

#define ITEMS 1000

static bool fail_allocations;

static void *host_malloc(struct allocator *a, size_t size)
{
	(void)a;
	return fail_allocations ? NULL : malloc(size);
}

static void host_free(struct allocator *a, void *ptr)
{
	(void)a;
	free(ptr);
}

static const struct allocator_ops host_ops = {.malloc = host_malloc, .free = host_free};
static struct allocator host = {.ops = &host_ops, .name = "host"};

struct allocator *alloc_default(void)
{
	return &host;
}

/* Two fake files, so that the same descriptor can be two keys. */
static const char file_a[1], file_b[1];

static void test_empty(void **state)
{
	struct ep_table t;

	(void)state;
	ep_table_init(&t);
	assert_null(ep_table_find(&t, file_a, 3));
	ep_table_free(&t);
}

static void test_first_allocation_fails(void **state)
{
	struct ep_node n = {.file = file_a, .fd = 1};
	struct ep_table t;

	(void)state;
	ep_table_init(&t);
	fail_allocations = true;
	assert_int_equal(ep_table_add(&t, &n), -ENOMEM);
	fail_allocations = false;
	assert_null(ep_table_find(&t, file_a, 1));
	assert_int_equal(ep_table_add(&t, &n), 0);
	assert_ptr_equal(ep_table_find(&t, file_a, 1), &n);
	ep_table_del(&t, &n);
	ep_table_free(&t);
}

/* Many keys, with growth allowed or not: every present key found, no absent one. */
static void fill_and_check(bool growth_fails)
{
	static struct ep_node nodes[2 * ITEMS];
	struct ep_table t;

	ep_table_init(&t);
	for (int i = 0; i < 2 * ITEMS; i++) {
		nodes[i] = (struct ep_node){.file = i < ITEMS ? file_a : file_b, .fd = i % ITEMS};
		assert_int_equal(ep_table_add(&t, &nodes[i]), 0);
		fail_allocations = growth_fails;
	}
	fail_allocations = false;
	assert_int_equal(t.count, 2 * ITEMS);
	if (growth_fails)
		assert_int_equal(t.size, 16);
	else
		assert_true(t.size >= 2 * ITEMS);
	for (int i = 0; i < 2 * ITEMS; i++)
		assert_ptr_equal(ep_table_find(&t, nodes[i].file, nodes[i].fd), &nodes[i]);
	assert_null(ep_table_find(&t, file_a, ITEMS));
	assert_null(ep_table_find(&t, file_a, -1));

	/* Remove every third: they go, the others stay. */
	for (int i = 0; i < 2 * ITEMS; i += 3)
		ep_table_del(&t, &nodes[i]);
	for (int i = 0; i < 2 * ITEMS; i++) {
		struct ep_node *found = ep_table_find(&t, nodes[i].file, nodes[i].fd);

		assert_ptr_equal(found, i % 3 ? &nodes[i] : NULL);
	}
	for (int i = 0; i < 2 * ITEMS; i++) {
		if (i % 3)
			ep_table_del(&t, &nodes[i]);
	}
	assert_int_equal(t.count, 0);
	ep_table_free(&t);
}

static void test_grows(void **state)
{
	(void)state;
	fill_and_check(false);
}

static void test_without_memory_to_grow(void **state)
{
	(void)state;
	fill_and_check(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_first_allocation_fails),
		cmocka_unit_test(test_grows),
		cmocka_unit_test(test_without_memory_to_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
