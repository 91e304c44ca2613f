/*
 * Introsort: quicksort with a median-of-three pivot and Hoare partitioning,
 * recursing into the smaller part only (O(log n) stack); past 2*log2(n)
 * levels of bad pivots the range is heapsorted instead, so the worst case is
 * O(n log n).  Short ranges finish by insertion sort.  Not stable.
 */
#include <stdlib.h>

#define INSERTION_SORT_MAX 12

struct array {
	char *base;
	size_t size;
	int (*cmp)(const void *, const void *);
};

static char *at(const struct array *a, size_t i)
{
	return a->base + i * a->size;
}

static int compare(const struct array *a, size_t i, size_t j)
{
	return a->cmp(at(a, i), at(a, j));
}

static void swap(const struct array *a, size_t i, size_t j)
{
	char *p = at(a, i), *q = at(a, j);

	for (size_t n = a->size; n; n--, p++, q++) {
		char tmp = *p;

		*p = *q;
		*q = tmp;
	}
}

static void insertion_sort(const struct array *a, size_t lo, size_t n)
{
	for (size_t i = lo + 1; i < lo + n; i++) {
		for (size_t j = i; j > lo && compare(a, j - 1, j) > 0; j--)
			swap(a, j - 1, j);
	}
}

/* The heap is [lo, lo + n); root is relative to lo. */
static void sift_down(const struct array *a, size_t lo, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && compare(a, lo + child, lo + child + 1) < 0)
			child++;
		if (compare(a, lo + root, lo + child) >= 0)
			return;
		swap(a, lo + root, lo + child);
	}
}

static void heap_sort(const struct array *a, size_t lo, size_t n)
{
	for (size_t i = n / 2; i > 0; i--)
		sift_down(a, lo, i - 1, n);
	while (n > 1) {
		n--;
		swap(a, lo, lo + n);
		sift_down(a, lo, 0, n);
	}
}

/* Sorts the first, middle and last elements, then moves the median to lo. */
static void median_to_front(const struct array *a, size_t lo, size_t n)
{
	size_t mid = lo + n / 2, last = lo + n - 1;

	if (compare(a, mid, lo) < 0)
		swap(a, mid, lo);
	if (compare(a, last, mid) < 0) {
		swap(a, last, mid);
		if (compare(a, mid, lo) < 0)
			swap(a, mid, lo);
	}
	swap(a, lo, mid);
}

/*
 * Partitions around the pivot placed at lo and returns its final index.
 * Elements equal to the pivot stop both scans, which splits runs of equal
 * keys evenly.  The bounds checks keep an inconsistent comparator in the array.
 */
static size_t partition(const struct array *a, size_t lo, size_t n)
{
	size_t i = lo, j = lo + n;

	median_to_front(a, lo, n);
	for (;;) {
		do
			i++;
		while (i < lo + n && compare(a, i, lo) < 0);
		do
			j--;
		while (j > lo && compare(a, j, lo) > 0);
		if (i >= j)
			break;
		swap(a, i, j);
	}
	swap(a, lo, j);
	return j;
}

static void introsort(const struct array *a, size_t lo, size_t n, unsigned int depth)
{
	while (n > INSERTION_SORT_MAX) {
		size_t pivot, left, right;

		if (!depth--) {
			heap_sort(a, lo, n);
			return;
		}
		pivot = partition(a, lo, n);
		left = pivot - lo;
		right = lo + n - pivot - 1;
		if (left < right) {
			introsort(a, lo, left, depth);
			lo = pivot + 1;
			n = right;
		} else {
			introsort(a, pivot + 1, right, depth);
			n = left;
		}
	}
	insertion_sort(a, lo, n);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct array a = {.base = base, .size = size, .cmp = cmp};
	unsigned int depth = 0;

	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	introsort(&a, 0, n, depth);
}
