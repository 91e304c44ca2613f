// SPDX-License-Identifier: BSD-3-Clause
/*
 * Aborts when getrlimit fails, like nginx with prctl: ENOSYS kills it,
 * a faked success does not. Expected: prlimit64 is fakeable, not stubbable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

int main(void)
{
	struct rlimit limit;

	if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
		abort();
	printf("descriptor limit read\n");
	return 0;
}
