// SPDX-License-Identifier: BSD-3-Clause
#include "sysset.h"

int sysset_count(const struct sysset *set)
{
	int n = 0;

	for (unsigned i = 0; i < SYSCALL_MAX / 64; i++)
		n += __builtin_popcountll(set->bits[i]);
	return n;
}

void sysset_unite(struct sysset *dst, const struct sysset *src)
{
	for (unsigned i = 0; i < SYSCALL_MAX / 64; i++)
		dst->bits[i] |= src->bits[i];
}
