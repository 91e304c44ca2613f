/*
 * Conformance cases for any allocator, run on fresh allocators over host
 * memory (the fixture): alignment, exact statistics, coalescing (freed memory
 * comes back whole), exhaustion, several unaligned regions, the generic
 * calloc / realloc / posix_memalign, error paths, and a randomised stress run
 * checked against a model of the live blocks.
 *
 * Each new block is checked against every live one for overlap.  The model
 * also fills every live block's usable bytes with a pattern derived from the
 * block's id and checks it before the block goes back, so that anything
 * writing where it should not (the allocator's own metadata included) shows
 * up.  Statistics must match the model exactly:
 * free_bytes = total_bytes - sum(usable_size + block_overhead).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/assert.h>
#include <tessera/compiler.h>
#include "alloc_conformance.h"

#define ARENA_SIZE   (8UL << 20)
#define MAX_REGIONS  8
#define STRESS_OPS   100000UL
#define CHECK_EVERY  1000UL
#define VERIFY_EVERY 10000UL /* a multiple of CHECK_EVERY */
#define PHASE_OPS    8192UL  /* ops between filling and draining phases */
#define MAX_LIVE     1024
#define SMALL_SIZE   48

struct region {
	unsigned char *base;
	size_t len;
	void *host;
};

struct fixture {
	const struct alloc_conformance *impl;
	struct allocator *a;
	struct alloc_stats initial; /* after the last region was added */
	unsigned int nregions;
	struct region regions[MAX_REGIONS];
	void *scratch; /* the test's bookkeeping, freed by teardown even after a failure */
};

static struct alloc_stats stats_of(struct allocator *a)
{
	struct alloc_stats st;

	a->ops->stats(a, &st);
	return st;
}

static void assert_initial(const struct fixture *f)
{
	struct alloc_stats st = stats_of(f->a);

	assert_int_equal(st.total_bytes, f->initial.total_bytes);
	assert_int_equal(st.free_bytes, f->initial.free_bytes);
	assert_int_equal(st.allocations, 0);
}

/* Hand len bytes at offset skew of a new host buffer to the allocator, creating it first. */
static int fixture_add(struct fixture *f, size_t len, size_t skew)
{
	struct region *r;
	int ret = 0;

	assert_true(f->nregions < MAX_REGIONS);
	r = &f->regions[f->nregions++];
	r->host = malloc(len + skew);
	assert_non_null(r->host);
	r->base = (unsigned char *)r->host + skew;
	r->len = len;
	if (!f->a) {
		f->a = f->impl->create(r->base, len);
		ret = f->a ? 0 : -ENOMEM;
	} else {
		ret = f->a->ops->add_memory(f->a, r->base, len);
	}
	if (f->a)
		f->initial = stats_of(f->a);
	return ret;
}

static int setup_empty(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->impl = *state;
	*state = f;
	return 0;
}

static int setup_one_region(void **state)
{
	int ret = setup_empty(state);

	return ret ? ret : fixture_add(*state, ARENA_SIZE, 0);
}

/* Three regions of odd lengths at odd addresses. */
static int setup_three_regions(void **state)
{
	int ret = setup_empty(state);

	ret = ret ? ret : fixture_add(*state, ARENA_SIZE / 2 + 13, 5);
	ret = ret ? ret : fixture_add(*state, ARENA_SIZE / 4 + 1, 3);
	return ret ? ret : fixture_add(*state, ARENA_SIZE / 8 + 7, 9);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	for (unsigned int i = 0; i < f->nregions; i++)
		free(f->regions[i].host);
	free(f->scratch);
	free(f);
	return 0;
}

static void *fixture_scratch(struct fixture *f, size_t size)
{
	assert_null(f->scratch);
	f->scratch = calloc(1, size);
	assert_non_null(f->scratch);
	return f->scratch;
}

/* Index of the region holding [ptr, ptr+len), or -1. */
static int region_index(const struct fixture *f, const void *ptr, size_t len)
{
	const unsigned char *p = ptr;

	for (unsigned int i = 0; i < f->nregions; i++) {
		const struct region *r = &f->regions[i];

		if (p >= r->base && len <= r->len && p - r->base <= (ptrdiff_t)(r->len - len))
			return (int)i;
	}
	return -1;
}

static uint64_t next_random(uint64_t *seed)
{
	uint64_t z = (*seed += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static bool all_zero(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

static uint64_t pattern_word(uint64_t id, size_t index)
{
	return (id + 1) * 0x9e3779b97f4a7c15ULL ^ index * 0xff51afd7ed558ccdULL;
}

static void fill_pattern(unsigned char *p, size_t len, uint64_t id)
{
	size_t words = len / 8;
	uint64_t tail = pattern_word(id, words);

	for (size_t i = 0; i < words; i++)
		((uint64_t *)p)[i] = pattern_word(id, i);
	memcpy(p + words * 8, &tail, len % 8);
}

static bool has_pattern(const unsigned char *p, size_t len, uint64_t id)
{
	size_t words = len / 8;
	uint64_t tail = pattern_word(id, words);

	for (size_t i = 0; i < words; i++)
		if (((const uint64_t *)p)[i] != pattern_word(id, i))
			return false;
	return memcmp(p + words * 8, &tail, len % 8) == 0;
}

/* The largest size malloc() serves right now, by bisection: a fit at n means a fit below n. */
static size_t largest_malloc(struct allocator *a)
{
	size_t fits = 0, fails = stats_of(a).free_bytes + 1;

	while (fails - fits > 1) {
		size_t mid = fits + (fails - fits) / 2;
		void *p = alloc_malloc(a, mid);

		if (p) {
			alloc_free(a, p);
			fits = mid;
		} else {
			fails = mid;
		}
	}
	return fits;
}

/* A live block, for the cases that allocate until exhaustion. */
struct held {
	void *ptr;
	size_t npages; /* 0: from the malloc family */
};

static void release_held(struct allocator *a, const struct held *h)
{
	if (h->npages)
		a->ops->pfree(a, h->ptr, h->npages);
	else
		alloc_free(a, h->ptr);
}

/* Free in a fixed pseudo-random order, so that merging meets every neighbour order. */
static void release_shuffled(struct allocator *a, struct held *held, size_t n, uint64_t seed)
{
	for (size_t i = n; i > 0; i--) {
		size_t j = next_random(&seed) % i;
		struct held h = held[j];

		held[j] = held[i - 1];
		release_held(a, &h);
	}
}

static struct held *new_held_array(struct fixture *f, size_t *cap)
{
	/* Every block takes at least 16 bytes. */
	*cap = f->initial.total_bytes / ALLOC_MIN_ALIGN + 1;
	return fixture_scratch(f, *cap * sizeof(struct held));
}

/* Stress model -------------------------------------------------------------- */

struct block {
	unsigned char *ptr;
	size_t len;    /* usable_size(), all of it holding the block's pattern */
	size_t npages; /* 0: from the malloc family */
	uint64_t id;
};

struct model {
	struct fixture *f;
	struct block blocks[MAX_LIVE];
	size_t nlive;
	size_t footprint; /* what the live blocks take from free_bytes */
	uint64_t next_id;
	uint64_t seed;
};

static uint64_t model_random(struct model *m, uint64_t bound)
{
	return next_random(&m->seed) % bound;
}

/* 0..64 KiB - 1, spread evenly over the powers of two. */
static size_t random_size(struct model *m)
{
	return model_random(m, 1ULL << model_random(m, 17));
}

static size_t random_pages(struct model *m)
{
	return 1 + model_random(m, 1ULL << model_random(m, 7));
}

static bool overlap(const struct block *x, const struct block *y)
{
	return x->ptr < y->ptr + MAX(y->len, 1) && y->ptr < x->ptr + MAX(x->len, 1);
}

/* Check a new block against the contract and every live block, then fill it. */
static void track(struct model *m, void *ptr, size_t size, size_t align, size_t npages)
{
	struct allocator *a = m->f->a;
	struct block *b = &m->blocks[m->nlive];

	*b = (struct block){ptr, a->ops->usable_size(a, ptr), npages, m->next_id++};
	assert_true(b->len >= size);
	assert_true(IS_ALIGNED((uintptr_t)ptr, align));
	assert_true(region_index(m->f, ptr, b->len) >= 0);
	for (size_t i = 0; i < m->nlive; i++)
		assert_false(overlap(b, &m->blocks[i]));
	fill_pattern(b->ptr, b->len, b->id);
	m->footprint += b->len + m->f->impl->block_overhead;
	m->nlive++;
}

/* Take block i out of the model after checking its pattern; returns it. */
static struct block untrack(struct model *m, size_t i)
{
	struct block b = m->blocks[i];

	assert_true(has_pattern(b.ptr, b.len, b.id));
	m->blocks[i] = m->blocks[--m->nlive];
	m->footprint -= b.len + m->f->impl->block_overhead;
	return b;
}

static bool stress_malloc(struct model *m)
{
	size_t size = random_size(m);
	void *p = alloc_malloc(m->f->a, size);

	if (p)
		track(m, p, size, ALLOC_MIN_ALIGN, 0);
	return p != NULL;
}

static bool stress_calloc(struct model *m)
{
	size_t nmemb = 1 + model_random(m, 8);
	size_t size = random_size(m) / nmemb;
	unsigned char *p = alloc_calloc(m->f->a, nmemb, size);

	if (!p)
		return false;
	assert_true(all_zero(p, nmemb * size));
	track(m, p, nmemb * size, ALLOC_MIN_ALIGN, 0);
	return true;
}

static bool stress_memalign(struct model *m)
{
	size_t align = (size_t)8 << model_random(m, 14); /* 8 B .. 64 KiB */
	size_t size = random_size(m);
	void *p;
	int ret = alloc_posix_memalign(m->f->a, &p, align, size);

	if (ret == 0)
		track(m, p, size, MAX(align, (size_t)ALLOC_MIN_ALIGN), 0);
	else
		assert_int_equal(ret, ENOMEM);
	return ret == 0;
}

static bool stress_palloc(struct model *m)
{
	size_t npages = random_pages(m);
	void *p = m->f->a->ops->palloc(m->f->a, npages);

	if (p)
		track(m, p, npages * PAGE_SIZE, PAGE_SIZE, npages);
	return p != NULL;
}

static void stress_release(struct model *m)
{
	struct block b = untrack(m, model_random(m, m->nlive));
	struct allocator *a = m->f->a;

	if (b.npages)
		a->ops->pfree(a, b.ptr, b.npages);
	else
		alloc_free(a, b.ptr);
}

static bool stress_realloc(struct model *m)
{
	size_t i = model_random(m, m->nlive), size = random_size(m);
	struct block old;
	unsigned char *p;

	if (m->blocks[i].npages)
		return stress_malloc(m);
	old = untrack(m, i);
	p = alloc_realloc(m->f->a, old.ptr, size);
	if (size == 0) {
		assert_null(p);
	} else if (!p) {
		/* Failed: the old block is untouched and still live. */
		assert_true(has_pattern(old.ptr, old.len, old.id));
		m->blocks[m->nlive++] = old;
		m->footprint += old.len + m->f->impl->block_overhead;
		return false;
	} else {
		assert_true(has_pattern(p, MIN(old.len, size), old.id));
		track(m, p, size, ALLOC_MIN_ALIGN, 0);
	}
	return true;
}

static void check_model(struct model *m, bool check_contents)
{
	struct allocator *a = m->f->a;
	struct alloc_stats st = stats_of(a);

	assert_int_equal(st.allocations, m->nlive);
	assert_int_equal(st.total_bytes, m->f->initial.total_bytes);
	assert_int_equal(st.free_bytes, st.total_bytes - m->footprint);
	for (size_t i = 0; i < m->nlive; i++) {
		const struct block *b = &m->blocks[i];

		assert_int_equal(a->ops->usable_size(a, b->ptr), b->len);
		if (check_contents)
			assert_true(has_pattern(b->ptr, b->len, b->id));
	}
}

static void stress(struct fixture *f, uint64_t seed)
{
	struct model *m = fixture_scratch(f, sizeof(*m));
	unsigned long failed = 0;

	m->f = f;
	m->seed = seed;
	for (unsigned long op = 0; op < STRESS_OPS; op++) {
		/* Alternate phases that fill the heap to exhaustion and drain it. */
		uint64_t free_percent = (op / PHASE_OPS) % 2 ? 55 : 25;
		uint64_t choice = model_random(m, 100);
		bool served;

		if (m->nlive && (m->nlive == MAX_LIVE || choice < free_percent)) {
			stress_release(m);
		} else {
			choice = model_random(m, 100);
			if (choice < 20 && m->nlive)
				served = stress_realloc(m);
			else if (choice < 55)
				served = stress_malloc(m);
			else if (choice < 65)
				served = stress_calloc(m);
			else if (choice < 80)
				served = stress_memalign(m);
			else
				served = stress_palloc(m);
			failed += !served;
		}
		if (op % CHECK_EVERY == 0)
			check_model(m, op % VERIFY_EVERY == 0);
	}
	check_model(m, true);
	/* Both the full heap and plenty of successes must have been seen. */
	assert_in_range(failed, STRESS_OPS / 100, STRESS_OPS / 4);
	while (m->nlive)
		stress_release(m);
	assert_initial(f);
}

/* Cases -------------------------------------------------------------------- */

static void test_stress_one_region(void **state)
{
	stress(*state, 0x7e55e7a1);
}

static void test_stress_three_regions(void **state)
{
	stress(*state, 0xa110c8);
}

static void test_alignment(void **state)
{
	struct fixture *f = *state;
	struct allocator *a = f->a;
	void *held[320];
	size_t n = 0;

	for (size_t size = 0; size <= 4096; size += 13) {
		void *p = alloc_malloc(a, size);

		assert_non_null(p);
		assert_true(IS_ALIGNED((uintptr_t)p, ALLOC_MIN_ALIGN));
		assert_true(a->ops->usable_size(a, p) >= size);
		held[n++] = p;
	}
	while (n)
		alloc_free(a, held[--n]);
	for (size_t align = 16; align <= (1UL << 20); align <<= 1) {
		const size_t sizes[] = {0, 1, align / 2 + 1, align + 1};

		for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
			unsigned char *p = a->ops->memalign(a, align, sizes[i]);

			assert_non_null(p);
			assert_true(IS_ALIGNED((uintptr_t)p, align));
			assert_true(a->ops->usable_size(a, p) >= sizes[i]);
			memset(p, 0xa5, sizes[i]);
			alloc_free(a, p);
		}
	}
	for (size_t npages = 1; npages <= 64; npages++) {
		unsigned char *p = a->ops->palloc(a, npages);

		assert_non_null(p);
		assert_true(IS_ALIGNED((uintptr_t)p, PAGE_SIZE));
		assert_true(region_index(f, p, npages * PAGE_SIZE) >= 0);
		memset(p, 0x5a, npages * PAGE_SIZE);
		a->ops->pfree(a, p, npages);
	}
	assert_initial(f);
}

/* Free every other small block: the memory is free but in pieces; then all of it merges back. */
static void test_fragmentation(void **state)
{
	struct fixture *f = *state;
	struct allocator *a = f->a;
	size_t largest = largest_malloc(a), n = 0, cap;
	struct held *held = new_held_array(f, &cap);
	void *p;

	assert_true(largest >= f->initial.total_bytes / 8);
	while ((held[n].ptr = alloc_malloc(a, SMALL_SIZE)) != NULL) {
		held[n].npages = 0;
		assert_true(++n < cap);
	}
	assert_true(n * SMALL_SIZE >= f->initial.total_bytes / 2);
	for (size_t i = 0; i < n; i += 2)
		alloc_free(a, held[i].ptr);
	assert_true(stats_of(a).free_bytes >= n / 2 * SMALL_SIZE);
	assert_null(alloc_malloc(a, 4 * SMALL_SIZE));
	assert_null(a->ops->palloc(a, 1));
	for (size_t i = 1; i < n; i += 2)
		alloc_free(a, held[i].ptr);
	assert_initial(f);
	p = alloc_malloc(a, largest);
	assert_non_null(p);
	alloc_free(a, p);
}

/* Allocate with shrinking sizes until nothing is left, then free it all in a random order. */
static void test_exhaustion(void **state)
{
	static const struct {
		size_t size, npages;
	} steps[] = {{1UL << 20, 0}, {0, 16}, {64UL << 10, 0}, {0, 1}, {4096, 0}, {256, 0}, {0, 0}};
	struct fixture *f = *state;
	struct allocator *a = f->a;
	size_t largest = largest_malloc(a), n = 0, cap;
	struct held *held = new_held_array(f, &cap);
	void *p;

	for (size_t s = 0; s < ARRAY_SIZE(steps); s++) {
		for (;;) {
			size_t npages = steps[s].npages;

			p = npages ? a->ops->palloc(a, npages) : alloc_malloc(a, steps[s].size);
			if (!p)
				break;
			assert_true(n < cap);
			held[n++] = (struct held){p, npages};
		}
	}
	assert_null(alloc_malloc(a, 1));
	assert_null(a->ops->palloc(a, 1));
	assert_int_equal(stats_of(a).allocations, n);
	release_shuffled(a, held, n, 42);
	assert_initial(f);
	p = alloc_malloc(a, largest);
	assert_non_null(p);
	alloc_free(a, p);
}

static void test_create_unaligned(void **state)
{
	struct fixture *f = *state;
	unsigned char small[64];
	void *p;

	assert_null(f->impl->create(small + 1, sizeof(small) - 1));
	assert_null(f->impl->create(small, 0));
	assert_int_equal(fixture_add(f, ARENA_SIZE / 4 + 3, 7), 0);
	assert_true(f->initial.total_bytes <= ARENA_SIZE / 4);
	assert_int_equal(f->initial.total_bytes, f->initial.free_bytes);
	p = alloc_malloc(f->a, 1);
	assert_true(IS_ALIGNED((uintptr_t)p, ALLOC_MIN_ALIGN));
	assert_true(region_index(f, p, 1) == 0);
	alloc_free(f->a, p);
	assert_initial(f);
}

/* Regions added later grow the totals by their size less little metadata, and all get used. */
static void test_add_memory(void **state)
{
	static const struct {
		size_t len, skew;
	} added[] = {{(1UL << 20) + 7, 3}, {(256UL << 10) + 1, 9}, {(64UL << 10) + 5, 1}};
	struct fixture *f = *state;
	struct allocator *a = f->a;
	size_t n = 0, cap, used[MAX_REGIONS] = {0};
	struct held *held;
	void *p;

	assert_int_equal(fixture_add(f, 40, 3), -ENOMEM);
	assert_initial(f);
	for (size_t i = 0; i < ARRAY_SIZE(added); i++) {
		size_t before = f->initial.total_bytes;

		assert_int_equal(fixture_add(f, added[i].len, added[i].skew), 0);
		assert_true(f->initial.total_bytes - before <= added[i].len);
		assert_true(f->initial.total_bytes - before >= added[i].len - added[i].len / 16);
		assert_initial(f);
	}
	held = new_held_array(f, &cap);
	while ((p = alloc_malloc(a, 1000)) != NULL) {
		int r = region_index(f, p, 1000);

		assert_true(r >= 0);
		used[r]++;
		held[n++] = (struct held){p, 0};
	}
	for (unsigned int r = 0; r < f->nregions; r++)
		assert_true(used[r] > 0 || f->regions[r].len < 1000);
	release_shuffled(a, held, n, 7);
	assert_initial(f);
}

static void test_generic_calloc(void **state)
{
	struct fixture *f = *state;
	struct allocator *a = f->a;
	unsigned char *p, *q;

	assert_null(alloc_calloc(a, SIZE_MAX / 2 + 1, 2));
	assert_null(alloc_calloc(a, 2, SIZE_MAX / 2 + 1));
	assert_null(alloc_calloc(a, 1UL << 32, (1UL << 32) + 1));
	assert_null(alloc_calloc(a, 1, SIZE_MAX));
	assert_initial(f);
	p = alloc_malloc(a, 4000);
	memset(p, 0xa5, 4000);
	alloc_free(a, p);
	p = alloc_calloc(a, 40, 100);
	assert_non_null(p);
	assert_true(all_zero(p, 4000));
	alloc_free(a, p);
	p = alloc_calloc(a, 0, 100);
	q = alloc_calloc(a, 100, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	alloc_free(a, p);
	alloc_free(a, q);
	assert_initial(f);
}

static void test_generic_realloc(void **state)
{
	struct fixture *f = *state;
	struct allocator *a = f->a;
	unsigned char *p, *q, *big;
	size_t usable, n = 0, cap;
	struct held *held;

	p = alloc_realloc(a, NULL, 100);
	assert_non_null(p);
	fill_pattern(p, 100, 1);
	usable = a->ops->usable_size(a, p);
	assert_ptr_equal(alloc_realloc(a, p, usable), p);
	assert_ptr_equal(alloc_realloc(a, p, usable / 2 + 1), p);
	q = alloc_realloc(a, p, 20000);
	assert_non_null(q);
	assert_true(has_pattern(q, 100, 1));
	fill_pattern(q, 20000, 2);
	p = alloc_realloc(a, q, 30);
	assert_non_null(p);
	assert_true(has_pattern(p, 30, 2));
	assert_true(a->ops->usable_size(a, p) < 20000);
	assert_null(alloc_realloc(a, p, SIZE_MAX));
	assert_null(alloc_realloc(a, p, SIZE_MAX / 2));
	assert_true(has_pattern(p, 30, 2));
	assert_int_equal(stats_of(a).allocations, 1);
	assert_null(alloc_realloc(a, p, 0));
	assert_initial(f);

	/* With nothing else free, a shrink keeps the block and a growth fails cleanly. */
	big = alloc_malloc(a, 64UL << 10);
	fill_pattern(big, 64UL << 10, 3);
	held = new_held_array(f, &cap);
	while ((p = alloc_malloc(a, 1)) != NULL)
		held[n++] = (struct held){p, 0};
	assert_ptr_equal(alloc_realloc(a, big, 1), big);
	assert_null(alloc_realloc(a, big, a->ops->usable_size(a, big) + 1));
	assert_true(has_pattern(big, 64UL << 10, 3));
	release_shuffled(a, held, n, 3);
	alloc_free(a, big);
	assert_initial(f);
}

static void test_generic_posix_memalign(void **state)
{
	static const size_t invalid[] = {
		0, 1, 2, 3, 4, 12, 24, 48, 4097, SIZE_MAX, SIZE_MAX / 2 + 2};
	static const size_t valid[] = {8, 16, 32, 4096, 1UL << 20};
	struct fixture *f = *state;
	struct allocator *a = f->a;
	void *untouched = &untouched, *p = untouched;

	for (size_t i = 0; i < ARRAY_SIZE(invalid); i++)
		assert_int_equal(alloc_posix_memalign(a, &p, invalid[i], 16), EINVAL);
	assert_int_equal(alloc_posix_memalign(a, &p, SIZE_MAX / 2 + 1, 1), ENOMEM);
	assert_int_equal(alloc_posix_memalign(a, &p, 64, SIZE_MAX), ENOMEM);
	assert_int_equal(alloc_posix_memalign(a, &p, 64, f->initial.total_bytes), ENOMEM);
	assert_ptr_equal(p, untouched);
	assert_initial(f);
	for (size_t i = 0; i < ARRAY_SIZE(valid); i++) {
		assert_int_equal(alloc_posix_memalign(a, &p, valid[i], 100), 0);
		assert_true(IS_ALIGNED((uintptr_t)p, MAX(valid[i], (size_t)ALLOC_MIN_ALIGN)));
		alloc_free(a, p);
	}
	assert_initial(f);
}

/* Sizes near SIZE_MAX must fail without wrapping around; 0 and NULL are legal. */
static void test_limits(void **state)
{
	static const size_t huge[] = {
		SIZE_MAX,	  SIZE_MAX - 1, SIZE_MAX - 15, SIZE_MAX - 4095,
		SIZE_MAX / 2 + 1, SIZE_MAX / 2, 1UL << 48,     ARENA_SIZE * 2,
	};
	struct fixture *f = *state;
	struct allocator *a = f->a;
	void *p, *q;

	for (size_t i = 0; i < ARRAY_SIZE(huge); i++) {
		assert_null(alloc_malloc(a, huge[i]));
		assert_null(a->ops->memalign(a, 16, huge[i]));
		assert_null(a->ops->memalign(a, PAGE_SIZE, huge[i]));
		assert_null(a->ops->palloc(a, huge[i]));
		assert_null(a->ops->palloc(a, huge[i] >> PAGE_SHIFT));
	}
	assert_null(a->ops->memalign(a, SIZE_MAX / 2 + 1, 1));
	assert_null(a->ops->memalign(a, 1UL << 40, 1));
	assert_initial(f);
	p = alloc_malloc(a, 0);
	q = alloc_malloc(a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	alloc_free(a, p);
	alloc_free(a, q);
	alloc_free(a, NULL);
	a->ops->pfree(a, NULL, 1);
	assert_initial(f);
}

static void test_bad_free(void **state)
{
	static unsigned char outside[256] __aligned(PAGE_SIZE);
	struct fixture *f = *state;
	struct allocator *a = f->a;
	void *p = alloc_malloc(a, 100), *q = alloc_malloc(a, 100);

	alloc_free(a, p);
	expect_assert_failure(alloc_free(a, p));
	expect_assert_failure(alloc_free(a, outside + 64));
	expect_assert_failure(a->ops->usable_size(a, outside + 64));
	expect_assert_failure(a->ops->pfree(a, outside, 1));
	p = a->ops->palloc(a, 1);
	a->ops->pfree(a, p, 1);
	expect_assert_failure(a->ops->pfree(a, p, 1));
	alloc_free(a, q);
	assert_initial(f);
}

#define CASE(test, setup) cmocka_unit_test_prestate_setup_teardown(test, setup, teardown, state)

int alloc_conformance_run(const struct alloc_conformance *impl)
{
	void *state = (void *)impl;
	const struct CMUnitTest cases[] = {
		CASE(test_alignment, setup_one_region),
		CASE(test_fragmentation, setup_one_region),
		CASE(test_exhaustion, setup_one_region),
		CASE(test_create_unaligned, setup_empty),
		CASE(test_add_memory, setup_one_region),
		CASE(test_generic_calloc, setup_one_region),
		CASE(test_generic_realloc, setup_one_region),
		CASE(test_generic_posix_memalign, setup_one_region),
		CASE(test_limits, setup_one_region),
		CASE(test_bad_free, setup_one_region),
		CASE(test_stress_one_region, setup_one_region),
		CASE(test_stress_three_regions, setup_three_regions),
	};

	return cmocka_run_group_tests_name(impl->name, cases, NULL, NULL);
}
