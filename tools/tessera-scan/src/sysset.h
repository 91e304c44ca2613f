/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A set of x86_64 Linux syscall numbers, as a bitmap. Every analysis
 * (tracing, binary and source scans) produces one, so that reports can
 * compare and unite them without caring where they came from.
 */
#ifndef TS_SYSSET_H
#define TS_SYSSET_H

#include <stdbool.h>
#include <stdint.h>

/* Above the highest x86_64 syscall number (~460) with room to grow. */
#define SYSCALL_MAX 512

struct sysset {
	uint64_t bits[SYSCALL_MAX / 64];
};

static inline bool syscall_nr_valid(long nr)
{
	return nr >= 0 && nr < SYSCALL_MAX;
}

static inline void sysset_add(struct sysset *set, int nr)
{
	if (syscall_nr_valid(nr))
		set->bits[nr / 64] |= 1ULL << (nr % 64);
}

static inline bool sysset_has(const struct sysset *set, int nr)
{
	return syscall_nr_valid(nr) && (set->bits[nr / 64] >> (nr % 64)) & 1;
}

int sysset_count(const struct sysset *set);
void sysset_unite(struct sysset *dst, const struct sysset *src);

#endif
