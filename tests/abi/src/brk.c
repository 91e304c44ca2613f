// SPDX-License-Identifier: MIT
/*
 * The program break: growth, shrinking, content kept, fresh memory zeroed,
 * refusals.  Made with the raw brk system call (musl's brk() and sbrk(n)
 * refuse on purpose), and put back where it was before the C library's
 * malloc runs again.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PG	   4096UL
#define PAGE_UP(x) (((x) + PG - 1) & ~(PG - 1))
#define MiB	   (1UL << 20)

static unsigned long brk_raw(unsigned long addr)
{
	return (unsigned long)syscall(SYS_brk, addr);
}

static unsigned char pattern(unsigned long i)
{
	return (unsigned char)(i * 13 + 7);
}

/* Bytes [from, to) of the heap that do not hold the pattern (relative to b0). */
static long pattern_errors(unsigned long b0, unsigned long from, unsigned long to)
{
	const volatile unsigned char *p = (const unsigned char *)b0;
	unsigned long i;
	long bad = 0;

	for (i = from; i < to; i++)
		bad += p[i] != pattern(i);
	return bad;
}

static int zero(unsigned long start, unsigned long end)
{
	const volatile unsigned char *p = (const unsigned char *)start;
	unsigned long i;

	for (i = 0; i < end - start; i++)
		if (p[i])
			return 0;
	return 1;
}

static int mapped(unsigned long addr)
{
	unsigned char v;

	return mincore((void *)addr, PG, &v) == 0;
}

int main(void)
{
	unsigned long b0, top, cur, i;
	unsigned char *p, *blocks[100];
	void *q;
	int bad;

	abi_begin("brk");
	/* Let the C library set up its heap and stdout buffer first. */
	p = malloc(100);
	check_true("malloc before", p != NULL);
	free(p);

	b0 = brk_raw(0);
	check_true("brk query", b0 != 0 && b0 != (unsigned long)-1);
	check_true("sbrk(0) is the break", (unsigned long)sbrk(0) == b0);

	top = b0 + MiB;
	check_true("brk grow", brk_raw(top) == top);
	check_true("brk query after grow", brk_raw(0) == top);
	check_true("grown memory is zero", zero(PAGE_UP(b0), top));
	p = (unsigned char *)b0;
	for (i = 0; i < MiB; i++)
		p[i] = pattern(i);
	check_int("grown memory writable", pattern_errors(b0, 0, MiB), 0);

	top = b0 + 3 * MiB + 123;
	check_true("brk grow unaligned", brk_raw(top) == top);
	check_true("brk query unaligned", brk_raw(0) == top);
	check_int("content kept on growth", pattern_errors(b0, 0, MiB), 0);
	check_true("second growth is zero", zero(b0 + MiB, top));
	for (i = MiB; i < 3 * MiB + 123; i++)
		p[i] = pattern(i);
	check_int("second growth writable", pattern_errors(b0, 0, 3 * MiB + 123), 0);

	top = b0 + 64 * 1024;
	check_true("brk shrink", brk_raw(top) == top);
	check_true("brk query after shrink", brk_raw(0) == top);
	check_int("content below shrunk break kept", pattern_errors(b0, 0, 64 * 1024), 0);
	check_true("shrink unmaps released pages",
		   !mapped(PAGE_UP(top)) && !mapped(PAGE_UP(top) + MiB));
	check_true("brk regrow", brk_raw(b0 + MiB) == b0 + MiB);
	check_true("regrown memory is zero", zero(PAGE_UP(top), b0 + MiB));
	check_int("content kept on regrow", pattern_errors(b0, 0, 64 * 1024), 0);

	cur = b0 + MiB;
	check_true("brk below its start refused", brk_raw(PG) == cur);
	q = mmap((void *)(PAGE_UP(cur) + 16 * MiB), PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check_true("mapping above the break", q == (void *)(PAGE_UP(cur) + 16 * MiB));
	check_true("brk into a mapping refused", brk_raw(cur + 32 * MiB) == cur);
	check_true("refused brk keeps break", brk_raw(0) == cur);
	if (q != MAP_FAILED)
		munmap(q, PG);
	check_true("brk after mapping gone", brk_raw(cur + 32 * MiB) == cur + 32 * MiB);

	check_true("brk restore", brk_raw(b0) == b0);
	check_true("brk query after restore", brk_raw(0) == b0);

	/* The C library's allocator still works on the heap it had. */
	for (bad = 0, i = 0; i < 100; i++) {
		blocks[i] = malloc(1000 + i);
		if (!blocks[i]) {
			bad++;
			continue;
		}
		memset(blocks[i], (int)i, 1000 + i);
	}
	for (i = 0; i < 100; i++) {
		if (blocks[i] &&
		    (blocks[i][0] != (unsigned char)i || blocks[i][999 + i] != (unsigned char)i))
			bad++;
		free(blocks[i]);
	}
	check_int("malloc after restore", bad, 0);
	return abi_end();
}
