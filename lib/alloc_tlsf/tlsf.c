/*
 * Two-Level Segregated Fit allocator (Masmano, Ripoll, Crespo and Real, 2004).
 *
 * Free blocks sit in lists indexed by size class (tlsf_class.h).  A
 * first-level bitmap tells which powers of two hold any free block, and one
 * second-level bitmap per power of two tells which of its 32 classes do.
 * malloc finds a fitting class with two find-first-set instructions, takes its
 * first block and splits off the tail; free merges the block with its free
 * physical neighbours at once.  Neither loops: both are O(1).
 *
 * A block at B (16-aligned) with span S, the distance to the next block:
 *
 *   B+0   prev_phys  belongs to the previous block, valid only while that one is free
 *   B+8   header     S | FREE | PREV_FREE
 *   B+16  payload    up to B+S+8, over the next block's prev_phys word;
 *                    a free block keeps its list link here
 *
 * so a live block costs 8 bytes and usable_size() is S - 8.  Spans are
 * multiples of 16 and at least 32.  A region starts with its descriptor and
 * ends with a sentinel, a live block of span 0 that stops merging.  Regions
 * beyond the largest class (1 TiB) are added in pieces.
 *
 * memalign over-allocates by the alignment plus 16 bytes and files the gap
 * before the aligned payload as a free block; palloc is a page-aligned
 * memalign.  free() checks that the pointer lies in a region (a walk of the
 * short region list) and that its block is live, which catches double frees
 * until the memory is handed out again.
 *
 * Overhead: 8 bytes per allocation plus rounding to 16 (the smallest takes
 * 32 bytes), 48 bytes per region, and 16576 bytes of allocator state, mostly
 * the 32 x 32 list heads.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/alloc_tlsf.h>
#include <tessera/assert.h>
#include <tessera/compiler.h>
#include <tessera/list.h>
#include "tlsf_class.h"

#define FREE	   1UL /* this block is free */
#define PREV_FREE  2UL /* the previous block is free: prev_phys is valid */
#define FLAGS	   (FREE | PREV_FREE)
#define MIN_SPAN   32UL
#define SPAN_LIMIT (1UL << TLSF_SPAN_SHIFT)

struct tlsf_block {
	struct tlsf_block *prev_phys;
	size_t header;
	struct list_head free_node; /* the payload's start */
};

struct tlsf_region {
	struct list_head node;
	struct tlsf_block *first, *sentinel;
};

struct tlsf {
	struct allocator allocator;
	struct list_head regions;
	uint64_t fl_bitmap;
	uint32_t sl_bitmap[TLSF_FL_COUNT];
	struct list_head free_lists[TLSF_FL_COUNT][TLSF_SL_COUNT];
	struct alloc_stats stats;
};

#define HEADER_SIZE offsetof(struct tlsf_block, free_node)
#define REGION_MIN  (sizeof(struct tlsf_region) + MIN_SPAN + HEADER_SIZE)

BUILD_ASSERT(HEADER_SIZE == ALLOC_MIN_ALIGN);
BUILD_ASSERT(sizeof(struct tlsf_block) <= MIN_SPAN);
BUILD_ASSERT(sizeof(struct tlsf_region) % ALLOC_MIN_ALIGN == 0);
BUILD_ASSERT(TLSF_FL_COUNT < 64 && TLSF_SL_COUNT <= 32);

static struct tlsf *to_tlsf(struct allocator *a)
{
	return container_of(a, struct tlsf, allocator);
}

static size_t span_of(const struct tlsf_block *b)
{
	return b->header & ~FLAGS;
}

static bool is_free(const struct tlsf_block *b)
{
	return b->header & FREE;
}

static void set_span(struct tlsf_block *b, size_t span)
{
	b->header = span | (b->header & FLAGS);
}

static struct tlsf_block *next_of(struct tlsf_block *b)
{
	return (struct tlsf_block *)((char *)b + span_of(b));
}

/* Span of a block with size usable bytes; size is below SPAN_LIMIT. */
static size_t span_for(size_t size)
{
	return MAX(ALIGN_UP(size + TLSF_BLOCK_OVERHEAD, (size_t)ALLOC_MIN_ALIGN), MIN_SPAN);
}

static void insert_free(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_class c = tlsf_class_of(span_of(b));

	list_add(&b->free_node, &t->free_lists[c.fl][c.sl]);
	t->sl_bitmap[c.fl] |= 1U << c.sl;
	t->fl_bitmap |= 1ULL << c.fl;
}

static void remove_free(struct tlsf *t, struct tlsf_block *b)
{
	struct tlsf_class c = tlsf_class_of(span_of(b));

	list_del(&b->free_node);
	if (!list_empty(&t->free_lists[c.fl][c.sl]))
		return;
	t->sl_bitmap[c.fl] &= ~(1U << c.sl);
	if (!t->sl_bitmap[c.fl])
		t->fl_bitmap &= ~(1ULL << c.fl);
}

/* Unlink and return a free block of at least span bytes, NULL when there is none. */
static struct tlsf_block *take_free(struct tlsf *t, size_t span)
{
	struct tlsf_class c = tlsf_search_class(span);
	struct tlsf_block *b;
	uint32_t sl_map;
	uint64_t fl_map;

	if (c.fl >= TLSF_FL_COUNT)
		return NULL;
	sl_map = t->sl_bitmap[c.fl] & (~0U << c.sl);
	if (!sl_map) {
		fl_map = t->fl_bitmap & (~0ULL << (c.fl + 1));
		if (!fl_map)
			return NULL;
		c.fl = __builtin_ctzll(fl_map);
		sl_map = t->sl_bitmap[c.fl];
	}
	c.sl = __builtin_ctz(sl_map);
	b = list_entry(t->free_lists[c.fl][c.sl].next, struct tlsf_block, free_node);
	remove_free(t, b);
	return b;
}

/* Cut free block b at span; the back part becomes a free block, not yet filed. */
static struct tlsf_block *split(struct tlsf_block *b, size_t span)
{
	struct tlsf_block *rest = (struct tlsf_block *)((char *)b + span);

	rest->header = (span_of(b) - span) | FREE | PREV_FREE;
	rest->prev_phys = b;
	next_of(rest)->prev_phys = rest;
	set_span(b, span);
	return rest;
}

/* Absorb the free block physically after b. */
static void merge_next(struct tlsf_block *b)
{
	set_span(b, span_of(b) + span_of(next_of(b)));
	next_of(b)->prev_phys = b;
}

/* Hand out free block b, unlinked, trimmed to span when the rest can stand alone. */
static void *use_block(struct tlsf *t, struct tlsf_block *b, size_t span)
{
	ASSERT(span_of(b) >= span);
	if (span_of(b) - span >= MIN_SPAN)
		insert_free(t, split(b, span));
	b->header &= ~FREE;
	next_of(b)->header &= ~PREV_FREE;
	t->stats.free_bytes -= span_of(b);
	t->stats.allocations++;
	return &b->free_node;
}

static bool owns(struct tlsf *t, void *ptr)
{
	struct tlsf_region *r;

	list_for_each_entry(r, &t->regions, node) {
		if ((char *)ptr > (char *)r->first && (char *)ptr < (char *)r->sentinel)
			return true;
	}
	return false;
}

/* The block of a live allocation; catches foreign pointers and double frees. */
static struct tlsf_block *live_block(struct tlsf *t, void *ptr)
{
	struct tlsf_block *b = container_of(ptr, struct tlsf_block, free_node);

	ASSERT(owns(t, ptr));
	ASSERT(IS_ALIGNED((uintptr_t)ptr, ALLOC_MIN_ALIGN));
	ASSERT(!is_free(b));
	return b;
}

static void *tlsf_malloc(struct allocator *a, size_t size)
{
	struct tlsf *t = to_tlsf(a);
	struct tlsf_block *b;
	size_t span;

	if (size >= SPAN_LIMIT)
		return NULL;
	span = span_for(size);
	b = take_free(t, span);
	return b ? use_block(t, b, span) : NULL;
}

static void *tlsf_memalign(struct allocator *a, size_t align, size_t size)
{
	struct tlsf *t = to_tlsf(a);
	struct tlsf_block *b;
	uintptr_t payload;
	size_t span, gap;

	ASSERT(IS_POWER_OF_2(align));
	if (align <= ALLOC_MIN_ALIGN)
		return tlsf_malloc(a, size);
	if (size >= SPAN_LIMIT || align >= SPAN_LIMIT)
		return NULL;
	span = span_for(size);
	/* The gap is below align, or align + 16 when a 16-byte gap grows into a block. */
	b = take_free(t, span + align + ALLOC_MIN_ALIGN);
	if (!b)
		return NULL;
	payload = (uintptr_t)&b->free_node;
	gap = ALIGN_UP(payload, align) - payload;
	if (gap != 0 && gap < MIN_SPAN)
		gap += align;
	if (gap != 0) {
		struct tlsf_block *aligned = split(b, gap);

		insert_free(t, b);
		b = aligned;
	}
	return use_block(t, b, span);
}

static void tlsf_free(struct allocator *a, void *ptr)
{
	struct tlsf *t = to_tlsf(a);
	struct tlsf_block *b, *next;

	if (!ptr)
		return;
	b = live_block(t, ptr);
	t->stats.free_bytes += span_of(b);
	t->stats.allocations--;
	/* Marked before merging, so that freeing ptr again still finds FREE here. */
	b->header |= FREE;
	next = next_of(b);
	next->prev_phys = b;
	next->header |= PREV_FREE;
	if (b->header & PREV_FREE) {
		struct tlsf_block *prev = b->prev_phys;

		remove_free(t, prev);
		merge_next(prev);
		b = prev;
	}
	if (is_free(next)) {
		remove_free(t, next);
		merge_next(b);
	}
	insert_free(t, b);
}

static size_t tlsf_usable_size(struct allocator *a, void *ptr)
{
	return span_of(live_block(to_tlsf(a), ptr)) - TLSF_BLOCK_OVERHEAD;
}

static void *tlsf_palloc(struct allocator *a, size_t npages)
{
	if (npages == 0 || npages >= SPAN_LIMIT >> PAGE_SHIFT)
		return NULL;
	return tlsf_memalign(a, PAGE_SIZE, npages << PAGE_SHIFT);
}

static void tlsf_pfree(struct allocator *a, void *ptr, size_t npages)
{
	if (!ptr)
		return;
	ASSERT(IS_ALIGNED((uintptr_t)ptr, PAGE_SIZE));
	ASSERT(npages != 0 && npages <= tlsf_usable_size(a, ptr) >> PAGE_SHIFT);
	tlsf_free(a, ptr);
}

/* [start, end) is 16-aligned and at least REGION_MIN long. */
static void add_region(struct tlsf *t, uintptr_t start, uintptr_t end)
{
	struct tlsf_region *r = (struct tlsf_region *)start;
	struct tlsf_block *b = (struct tlsf_block *)(r + 1);

	r->first = b;
	r->sentinel = (struct tlsf_block *)(end - HEADER_SIZE);
	b->header = ((uintptr_t)r->sentinel - (uintptr_t)b) | FREE;
	r->sentinel->prev_phys = b;
	r->sentinel->header = PREV_FREE;
	list_add_tail(&r->node, &t->regions);
	insert_free(t, b);
	t->stats.total_bytes += span_of(b);
	t->stats.free_bytes += span_of(b);
}

static int tlsf_add_memory(struct allocator *a, void *base, size_t len)
{
	uintptr_t start = ALIGN_UP((uintptr_t)base, ALLOC_MIN_ALIGN);
	uintptr_t end = ALIGN_DOWN((uintptr_t)base + len, ALLOC_MIN_ALIGN);
	int ret = -ENOMEM;

	ASSERT((uintptr_t)base + len >= (uintptr_t)base);
	/* Pieces of at most SPAN_LIMIT keep every span inside the classes. */
	while (end > start && end - start >= REGION_MIN) {
		size_t piece = MIN(end - start, SPAN_LIMIT);

		add_region(to_tlsf(a), start, start + piece);
		start += piece;
		ret = 0;
	}
	return ret;
}

static void tlsf_stats(struct allocator *a, struct alloc_stats *st)
{
	*st = to_tlsf(a)->stats;
}

static const struct allocator_ops tlsf_ops = {
	.malloc = tlsf_malloc,
	.memalign = tlsf_memalign,
	.free = tlsf_free,
	.usable_size = tlsf_usable_size,
	.palloc = tlsf_palloc,
	.pfree = tlsf_pfree,
	.add_memory = tlsf_add_memory,
	.stats = tlsf_stats,
};

struct allocator *tlsf_create(void *base, size_t len)
{
	uintptr_t lo = ALIGN_UP((uintptr_t)base, _Alignof(struct tlsf));
	size_t used = lo - (uintptr_t)base + sizeof(struct tlsf);
	struct tlsf *t = (struct tlsf *)lo;

	if (len < used)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->allocator = (struct allocator){.ops = &tlsf_ops, .name = "tlsf"};
	list_init(&t->regions);
	for (unsigned int fl = 0; fl < TLSF_FL_COUNT; fl++)
		for (unsigned int sl = 0; sl < TLSF_SL_COUNT; sl++)
			list_init(&t->free_lists[fl][sl]);
	if (tlsf_add_memory(&t->allocator, (char *)base + used, len - used))
		return NULL;
	return &t->allocator;
}

ALLOC_IMPLEMENTATION("tlsf", tlsf_create);
