/*
 * TLSF tests: the shared conformance cases, then what is particular to TLSF:
 * the size-class mapping (every block of the class searched fits, and the fit
 * is good), merging with physical neighbours, and the reuse of the gap that
 * memalign splits off.
 */
#include <stdint.h>
#include <stdlib.h>
#include <tessera/alloc_tlsf.h>
#include <tessera/assert.h>
#include <tessera/compiler.h>
#include "alloc_conformance.h"
#include "../tlsf_class.h"

#define ARENA_SIZE (1UL << 20)

static int setup(void **state)
{
	*state = malloc(ARENA_SIZE);
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

/* The smallest span class c holds. */
static size_t class_min(struct tlsf_class c)
{
	if (c.fl == 0)
		return (size_t)c.sl << TLSF_ALIGN_SHIFT;
	return (size_t)(TLSF_SL_COUNT + c.sl) << (c.fl + TLSF_LINEAR_SHIFT - 1 - TLSF_SL_SHIFT);
}

static unsigned long class_index(struct tlsf_class c)
{
	return c.fl * TLSF_SL_COUNT + c.sl;
}

static void check_span(size_t span, struct tlsf_class *last)
{
	struct tlsf_class c = tlsf_class_of(span), s = tlsf_search_class(span);
	struct tlsf_class next = {c.fl + (c.sl + 1) / TLSF_SL_COUNT, (c.sl + 1) % TLSF_SL_COUNT};

	assert_true(c.fl < TLSF_FL_COUNT && c.sl < TLSF_SL_COUNT);
	assert_true(class_min(c) <= span && span < class_min(next));
	assert_true(class_index(c) >= class_index(*last));
	/* Searching starts at the class itself when span opens it, else at the next one. */
	assert_int_equal(class_index(s), class_index(class_min(c) == span ? c : next));
	/* Good fit: the smallest block searched is at most 1/32 larger than span. */
	if (s.fl < TLSF_FL_COUNT)
		assert_true(class_min(s) - span <= span / TLSF_SL_COUNT);
	*last = c;
}

static void test_class_mapping(void **state)
{
	struct tlsf_class last = {0, 0};

	(void)state;
	for (size_t span = 32; span < (4UL << 20); span += 16)
		check_span(span, &last);
	for (unsigned int shift = 22; shift < TLSF_SPAN_SHIFT; shift++) {
		for (size_t step = 0; step < 2 * TLSF_SL_COUNT; step++) {
			size_t boundary = (1UL << shift) + (step << (shift - TLSF_SL_SHIFT - 1));

			check_span(boundary - 16, &last);
			check_span(boundary, &last);
			check_span(boundary + 16, &last);
		}
	}
	assert_int_equal(tlsf_class_of((1UL << TLSF_SPAN_SHIFT) - 16).fl, TLSF_FL_COUNT - 1);
	assert_true(tlsf_search_class((1UL << TLSF_SPAN_SHIFT) - 16).fl >= TLSF_FL_COUNT);
}

static void test_neighbours_merge(void **state)
{
	struct allocator *a = tlsf_create(*state, ARENA_SIZE);
	size_t total = stats_of(a).total_bytes;
	char *p[4], *big;

	for (int i = 0; i < 4; i++)
		p[i] = alloc_malloc(a, 100);
	/* Split off the front of the one free block, one after the other. */
	assert_ptr_equal(p[1], p[0] + 112);
	assert_ptr_equal(p[2], p[1] + 112);
	alloc_free(a, p[0]);
	alloc_free(a, p[2]);
	assert_ptr_not_equal(alloc_malloc(a, 200), p[0]);
	alloc_free(a, p[1]);
	/* p[0..2] are one block now: the merged span 336 holds 328 bytes. */
	big = alloc_malloc(a, 328);
	assert_ptr_equal(big, p[0]);
	alloc_free(a, big);
	alloc_free(a, p[3]);
	assert_int_equal(stats_of(a).allocations, 1);
	/* Nearly all the memory is one block again. */
	big = alloc_malloc(a, total - total / TLSF_SL_COUNT);
	assert_non_null(big);
	alloc_free(a, big);
}

static void test_memalign_gap_reused(void **state)
{
	struct allocator *a = tlsf_create(*state, ARENA_SIZE);
	size_t total = stats_of(a).total_bytes;
	char *aligned = a->ops->memalign(a, 64UL << 10, 64), *small;

	assert_true(IS_ALIGNED((uintptr_t)aligned, 64UL << 10));
	assert_int_equal(stats_of(a).free_bytes, total - 80);
	small = alloc_malloc(a, 16);
	assert_true(small < aligned);
	alloc_free(a, aligned);
	alloc_free(a, small);
	assert_int_equal(stats_of(a).free_bytes, total);
}

int main(void)
{
	static const struct alloc_conformance tlsf = {"tlsf conformance", tlsf_create,
						      TLSF_BLOCK_OVERHEAD};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_class_mapping),
		cmocka_unit_test_setup_teardown(test_neighbours_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memalign_gap_reused, setup, teardown),
	};
	int failed = alloc_conformance_run(&tlsf);

	return failed + cmocka_run_group_tests_name("tlsf", tests, NULL, NULL);
}
