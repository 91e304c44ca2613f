/*
 * Buddy allocator tests: the shared conformance cases, then what is particular
 * to a buddy system: every block is a naturally aligned power of two recorded
 * in the side table, a block merges with its buddy and nothing else, and an
 * odd region is carved so that every one of its 32-byte units can be used.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <tessera/alloc_buddy.h>
#include <tessera/assert.h>
#include <tessera/compiler.h>
#include "alloc_conformance.h"

#define ARENA_SIZE (4UL << 20)
#define MIN_BLOCK  32

static int setup(void **state)
{
	*state = aligned_alloc(1UL << 20, ARENA_SIZE);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static struct alloc_stats stats_of(struct allocator *a)
{
	struct alloc_stats st;

	a->ops->stats(a, &st);
	return st;
}

static void test_power_of_two_blocks(void **state)
{
	struct allocator *a = buddy_create(*state, ARENA_SIZE);
	size_t before = stats_of(a).free_bytes;
	void *small = alloc_malloc(a, 1), *aligned;

	assert_int_equal(a->ops->usable_size(a, small), MIN_BLOCK);
	assert_int_equal(stats_of(a).free_bytes, before - MIN_BLOCK);
	for (size_t size = MIN_BLOCK; size <= (256UL << 10); size *= 2) {
		void *exact = alloc_malloc(a, size), *above = alloc_malloc(a, size + 1);

		assert_int_equal(a->ops->usable_size(a, exact), size);
		assert_true(IS_ALIGNED((uintptr_t)exact, size));
		assert_int_equal(a->ops->usable_size(a, above), 2 * size);
		assert_true(IS_ALIGNED((uintptr_t)above, 2 * size));
		alloc_free(a, exact);
		alloc_free(a, above);
	}
	/* memalign works by order: the block is as large as the alignment. */
	aligned = a->ops->memalign(a, 64UL << 10, 1);
	assert_int_equal(a->ops->usable_size(a, aligned), 64UL << 10);
	alloc_free(a, aligned);
	alloc_free(a, small);
	assert_int_equal(stats_of(a).free_bytes, before);
}

static bool holds(void *const *pages, size_t n, uintptr_t addr)
{
	for (size_t i = 0; i < n; i++)
		if ((uintptr_t)pages[i] == addr)
			return true;
	return false;
}

/* Hold every page, then free pages of an aligned 16 KiB group one by one. */
static void test_buddies_merge(void **state)
{
	struct allocator *a = buddy_create(*state, ARENA_SIZE);
	size_t total = stats_of(a).total_bytes, n = 0;
	void *pages[ARENA_SIZE / PAGE_SIZE];
	uintptr_t group = 0;

	while ((pages[n] = a->ops->palloc(a, 1)) != NULL)
		n++;
	for (size_t i = 0; i < n && !group; i++) {
		uintptr_t g = (uintptr_t)pages[i];

		if (IS_ALIGNED(g, 4 * PAGE_SIZE) && holds(pages, n, g + PAGE_SIZE) &&
		    holds(pages, n, g + 2 * PAGE_SIZE) && holds(pages, n, g + 3 * PAGE_SIZE))
			group = g;
	}
	assert_true(group != 0);
	for (size_t i = 0; i < n; i++)
		if ((uintptr_t)pages[i] - group < 4 * PAGE_SIZE)
			pages[i] = NULL;

	a->ops->pfree(a, (void *)(group + PAGE_SIZE), 1);
	assert_null(a->ops->palloc(a, 2));
	/* Adjacent to the free page, but not its buddy: no merge. */
	a->ops->pfree(a, (void *)(group + 2 * PAGE_SIZE), 1);
	assert_null(a->ops->palloc(a, 2));
	a->ops->pfree(a, (void *)group, 1);
	assert_ptr_equal(a->ops->palloc(a, 2), (void *)group);
	a->ops->pfree(a, (void *)group, 2);
	/* The last page merges twice: with its buddy, then with the lower 8 KiB. */
	a->ops->pfree(a, (void *)(group + 3 * PAGE_SIZE), 1);
	assert_null(a->ops->palloc(a, 8));
	assert_ptr_equal(a->ops->palloc(a, 4), (void *)group);
	a->ops->pfree(a, (void *)group, 4);

	for (size_t i = 0; i < n; i++)
		a->ops->pfree(a, pages[i], 1);
	assert_int_equal(stats_of(a).free_bytes, total);
	assert_int_equal(stats_of(a).allocations, 0);
}

/* An odd region at an odd address: every unit carved is reachable, little goes to metadata. */
static void test_carving_uses_every_unit(void **state)
{
	const size_t len = 100005;
	struct allocator *a = buddy_create((char *)*state + 3, len);
	struct alloc_stats st = stats_of(a);
	size_t n = 0;

	assert_true(st.total_bytes >= len - len / 32 - 1024);
	while (alloc_malloc(a, 1))
		n++;
	assert_int_equal(n * MIN_BLOCK, st.total_bytes);
	assert_int_equal(stats_of(a).free_bytes, 0);
}

static void test_interior_pointers(void **state)
{
	struct allocator *a = buddy_create(*state, ARENA_SIZE);
	char *p = alloc_malloc(a, PAGE_SIZE);

	expect_assert_failure(alloc_free(a, p + MIN_BLOCK));
	expect_assert_failure(alloc_free(a, p + 16));
	expect_assert_failure(a->ops->usable_size(a, p + PAGE_SIZE / 2));
	/* A one-page block freed as two pages. */
	expect_assert_failure(a->ops->pfree(a, p, 2));
	alloc_free(a, p);
	assert_int_equal(stats_of(a).allocations, 0);
}

int main(void)
{
	static const struct alloc_conformance buddy = {"buddy conformance", buddy_create, 0};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_power_of_two_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buddies_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carving_uses_every_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interior_pointers, setup, teardown),
	};
	int failed = alloc_conformance_run(&buddy);

	return failed + cmocka_run_group_tests_name("buddy", tests, NULL, NULL);
}
