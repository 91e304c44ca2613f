/*
 * TLSF size classes: the free list that holds blocks of a given span.
 *
 * A span (a block's size, header included) is a multiple of 16.  Spans below
 * 512 bytes map linearly onto first level 0, one class per 16 bytes.  Above,
 * the first level is the span's power of two and the second level cuts that
 * power of two into 32 equal classes.  Both are a few shifts: O(1).
 *
 * Allocation searches from tlsf_search_class(): the span rounded up to the
 * next class boundary, so that every block of that class or a higher one fits
 * without being looked at (a good fit: at most 1/32 more than needed).
 */
#ifndef TLSF_CLASS_H
#define TLSF_CLASS_H

#include <stddef.h>

/* Spans are multiples of 16, below 1 TiB; 32 second-level classes; linear below 512. */
#define TLSF_ALIGN_SHIFT  4
#define TLSF_SPAN_SHIFT	  40
#define TLSF_SL_SHIFT	  5
#define TLSF_SL_COUNT	  (1U << TLSF_SL_SHIFT)
#define TLSF_LINEAR_SHIFT (TLSF_SL_SHIFT + TLSF_ALIGN_SHIFT)
#define TLSF_FL_COUNT	  (TLSF_SPAN_SHIFT - TLSF_LINEAR_SHIFT + 1)

struct tlsf_class {
	unsigned int fl, sl;
};

static inline unsigned int tlsf_log2(size_t x)
{
	return 63 - __builtin_clzl(x);
}

static inline struct tlsf_class tlsf_class_of(size_t span)
{
	unsigned int log;

	if (span < (1UL << TLSF_LINEAR_SHIFT))
		return (struct tlsf_class){0, span >> TLSF_ALIGN_SHIFT};
	log = tlsf_log2(span);
	return (struct tlsf_class){log - TLSF_LINEAR_SHIFT + 1,
				   (span >> (log - TLSF_SL_SHIFT)) - TLSF_SL_COUNT};
}

/* A first level of TLSF_FL_COUNT or more means no class is large enough. */
static inline struct tlsf_class tlsf_search_class(size_t span)
{
	if (span >= (1UL << TLSF_LINEAR_SHIFT))
		span += (1UL << (tlsf_log2(span) - TLSF_SL_SHIFT)) - 1;
	return tlsf_class_of(span);
}

#endif /* TLSF_CLASS_H */
