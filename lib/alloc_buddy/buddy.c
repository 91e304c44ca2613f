/*
 * Binary buddy allocator.
 *
 * Memory is cut into naturally aligned blocks of 2^order bytes, from 32 bytes
 * (MIN_ORDER) to 128 TiB (MAX_ORDER).  An allocation takes the smallest free
 * block of a large enough order, found in O(1) through a bitmap of non-empty
 * free lists, and halves it down to the order asked for.  A freed block merges
 * with its buddy (address ^ size) for as long as the buddy is free and whole.
 * Alignment comes for free: a block of order >= log2(align) is aligned.
 *
 * Block state lives in a side table, not in the blocks: one byte per 32-byte
 * unit, non-zero only at the unit where a block starts, holding the block's
 * order and a free bit.  So malloc(4096) takes exactly one aligned 4 KiB
 * block, and free() learns the order, and rejects anything that is not the
 * start of a live block, from the table alone.
 *
 * Each region handed to add_memory() keeps its descriptor and table at its
 * start; the rest, trimmed to 32-byte units, is carved into the largest
 * aligned blocks that fit.  Blocks of different regions never merge.  free()
 * finds a pointer's region by walking the (short) region list, most recently
 * found first.
 *
 * Overhead: 1 table byte per 32 bytes managed (3.1%), a 32-byte descriptor per
 * region and 752 bytes of allocator state.  Nothing per allocation beyond the
 * rounding up to a power of two.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/alloc_buddy.h>
#include <tessera/assert.h>
#include <tessera/compiler.h>
#include <tessera/list.h>

#define MIN_ORDER 5
#define MAX_ORDER 47
#define NR_ORDERS (MAX_ORDER - MIN_ORDER + 1)
#define MIN_BLOCK (1UL << MIN_ORDER)

/* Table byte at a block's first unit: order | HEAD_FREE when free, order when live. */
#define HEAD_FREE 0x80

struct buddy_region {
	struct list_head node;
	uintptr_t start, end; /* the blocks, MIN_BLOCK aligned */
	uint8_t heads[];      /* one byte per MIN_BLOCK unit of [start, end) */
};

/* A free block holds its list link and its region, so that splitting needs no lookup. */
struct free_block {
	struct list_head node;
	struct buddy_region *region;
};

struct buddy {
	struct allocator allocator;
	struct list_head regions;
	struct list_head free_lists[NR_ORDERS]; /* by order - MIN_ORDER */
	uint64_t nonempty;			/* bit order - MIN_ORDER: free list not empty */
	struct alloc_stats stats;
};

BUILD_ASSERT(sizeof(struct free_block) <= MIN_BLOCK);
BUILD_ASSERT(MIN_BLOCK >= ALLOC_MIN_ALIGN);
BUILD_ASSERT(NR_ORDERS <= 64 && MAX_ORDER < HEAD_FREE);
BUILD_ASSERT(sizeof(size_t) == sizeof(unsigned long) && sizeof(long) == 8);

static struct buddy *to_buddy(struct allocator *a)
{
	return container_of(a, struct buddy, allocator);
}

static unsigned int log2_floor(size_t x)
{
	return 63 - __builtin_clzl(x);
}

/* Smallest order whose blocks hold size bytes; MAX_ORDER + 1 when none does. */
static unsigned int order_for(size_t size)
{
	if (size > (1UL << MAX_ORDER))
		return MAX_ORDER + 1;
	if (size <= MIN_BLOCK)
		return MIN_ORDER;
	return log2_floor(size - 1) + 1;
}

static unsigned int order_for_pages(size_t npages)
{
	if (npages == 0 || npages > (SIZE_MAX >> PAGE_SHIFT))
		return MAX_ORDER + 1;
	return order_for(npages << PAGE_SHIFT);
}

static uint8_t *head_of(struct buddy_region *r, uintptr_t addr)
{
	return &r->heads[(addr - r->start) >> MIN_ORDER];
}

static void push_free(struct buddy *b, struct buddy_region *r, uintptr_t addr, unsigned int order)
{
	struct free_block *fb = (struct free_block *)addr;

	fb->region = r;
	list_add(&fb->node, &b->free_lists[order - MIN_ORDER]);
	b->nonempty |= 1ULL << (order - MIN_ORDER);
	*head_of(r, addr) = order | HEAD_FREE;
}

static void unlink_free(struct buddy *b, struct free_block *fb, unsigned int order)
{
	list_del(&fb->node);
	if (list_empty(&b->free_lists[order - MIN_ORDER]))
		b->nonempty &= ~(1ULL << (order - MIN_ORDER));
}

/* Take the smallest free block of at least this order and split it down to it. */
static void *take_block(struct buddy *b, unsigned int order)
{
	struct free_block *fb;
	uint64_t candidates;
	unsigned int k;

	if (order > MAX_ORDER)
		return NULL;
	candidates = b->nonempty >> (order - MIN_ORDER);
	if (!candidates)
		return NULL;
	k = order + __builtin_ctzll(candidates);
	fb = list_entry(b->free_lists[k - MIN_ORDER].next, struct free_block, node);
	unlink_free(b, fb, k);
	while (k > order) {
		k--;
		push_free(b, fb->region, (uintptr_t)fb + (1UL << k), k);
	}
	*head_of(fb->region, (uintptr_t)fb) = order;
	b->stats.free_bytes -= 1UL << order;
	b->stats.allocations++;
	return fb;
}

static void release_block(struct buddy *b, struct buddy_region *r, uintptr_t addr,
			  unsigned int order)
{
	b->stats.free_bytes += 1UL << order;
	b->stats.allocations--;
	for (; order < MAX_ORDER; order++) {
		uintptr_t buddy = addr ^ (1UL << order);

		/* A table byte is set only at block starts, so this also says "whole". */
		if (buddy < r->start || buddy >= r->end ||
		    *head_of(r, buddy) != (order | HEAD_FREE))
			break;
		unlink_free(b, (struct free_block *)buddy, order);
		*head_of(r, MAX(addr, buddy)) = 0;
		addr = MIN(addr, buddy);
	}
	push_free(b, r, addr, order);
}

/* Found regions move to the front: frees mostly come from the region allocated from last. */
static struct buddy_region *region_of(struct buddy *b, uintptr_t addr)
{
	struct buddy_region *r;

	list_for_each_entry(r, &b->regions, node) {
		if (addr >= r->start && addr < r->end) {
			if (r->node.prev != &b->regions)
				list_move(&r->node, &b->regions);
			return r;
		}
	}
	return NULL;
}

/* The order of the live block starting at ptr; catches foreign pointers and double frees. */
static unsigned int live_block_order(struct buddy *b, void *ptr, struct buddy_region **region)
{
	uintptr_t addr = (uintptr_t)ptr;
	struct buddy_region *r = region_of(b, addr);
	uint8_t head;

	ASSERT(r != NULL);
	ASSERT(IS_ALIGNED(addr, MIN_BLOCK));
	head = *head_of(r, addr);
	ASSERT(head != 0 && !(head & HEAD_FREE));
	*region = r;
	return head;
}

static void *buddy_malloc(struct allocator *a, size_t size)
{
	return take_block(to_buddy(a), order_for(size));
}

static void *buddy_memalign(struct allocator *a, size_t align, size_t size)
{
	ASSERT(IS_POWER_OF_2(align));
	return take_block(to_buddy(a), MAX(order_for(size), order_for(align)));
}

static void buddy_free(struct allocator *a, void *ptr)
{
	struct buddy *b = to_buddy(a);
	struct buddy_region *r;
	unsigned int order;

	if (!ptr)
		return;
	order = live_block_order(b, ptr, &r);
	release_block(b, r, (uintptr_t)ptr, order);
}

static size_t buddy_usable_size(struct allocator *a, void *ptr)
{
	struct buddy_region *r;

	return 1UL << live_block_order(to_buddy(a), ptr, &r);
}

static void *buddy_palloc(struct allocator *a, size_t npages)
{
	return take_block(to_buddy(a), order_for_pages(npages));
}

static void buddy_pfree(struct allocator *a, void *ptr, size_t npages)
{
	struct buddy *b = to_buddy(a);
	struct buddy_region *r;
	unsigned int order;

	if (!ptr)
		return;
	order = live_block_order(b, ptr, &r);
	ASSERT(order == order_for_pages(npages));
	release_block(b, r, (uintptr_t)ptr, order);
}

/* Cover the region with the largest naturally aligned blocks that fit. */
static void carve(struct buddy *b, struct buddy_region *r)
{
	unsigned int order;

	for (uintptr_t addr = r->start; addr < r->end; addr += 1UL << order) {
		order = MIN((unsigned int)__builtin_ctzl(addr), log2_floor(r->end - addr));
		order = MIN(order, MAX_ORDER);
		push_free(b, r, addr, order);
		b->stats.total_bytes += 1UL << order;
		b->stats.free_bytes += 1UL << order;
	}
}

static int buddy_add_memory(struct allocator *a, void *base, size_t len)
{
	uintptr_t lo = ALIGN_UP((uintptr_t)base, _Alignof(struct buddy_region));
	uintptr_t hi = (uintptr_t)base + len;
	struct buddy_region *r = (struct buddy_region *)lo;
	size_t units;

	ASSERT(hi >= (uintptr_t)base);
	if (hi < lo + sizeof(*r) + MIN_BLOCK + 1)
		return -ENOMEM;
	/* Each unit costs MIN_BLOCK bytes of blocks plus its table byte. */
	units = (hi - lo - sizeof(*r)) / (MIN_BLOCK + 1);
	r->start = ALIGN_UP(lo + sizeof(*r) + units, MIN_BLOCK);
	r->end = MIN(ALIGN_DOWN(hi, MIN_BLOCK), r->start + units * MIN_BLOCK);
	if (r->end <= r->start)
		return -ENOMEM;
	memset(r->heads, 0, units);
	list_add_tail(&r->node, &to_buddy(a)->regions);
	carve(to_buddy(a), r);
	return 0;
}

static void buddy_stats(struct allocator *a, struct alloc_stats *st)
{
	*st = to_buddy(a)->stats;
}

static const struct allocator_ops buddy_ops = {
	.malloc = buddy_malloc,
	.memalign = buddy_memalign,
	.free = buddy_free,
	.usable_size = buddy_usable_size,
	.palloc = buddy_palloc,
	.pfree = buddy_pfree,
	.add_memory = buddy_add_memory,
	.stats = buddy_stats,
};

struct allocator *buddy_create(void *base, size_t len)
{
	uintptr_t lo = ALIGN_UP((uintptr_t)base, _Alignof(struct buddy));
	size_t used = lo - (uintptr_t)base + sizeof(struct buddy);
	struct buddy *b = (struct buddy *)lo;

	if (len < used)
		return NULL;
	b->allocator = (struct allocator){.ops = &buddy_ops, .name = "buddy"};
	list_init(&b->regions);
	for (unsigned int i = 0; i < NR_ORDERS; i++)
		list_init(&b->free_lists[i]);
	b->nonempty = 0;
	b->stats = (struct alloc_stats){0};
	if (buddy_add_memory(&b->allocator, (char *)base + used, len - used))
		return NULL;
	return &b->allocator;
}

ALLOC_IMPLEMENTATION("buddy", buddy_create);
