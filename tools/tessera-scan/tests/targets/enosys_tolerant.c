// SPDX-License-Identifier: BSD-3-Clause
/*
 * Falls back to a default when sysinfo says ENOSYS, like Redis does for
 * getrlimit. Expected: sysinfo is stubbable.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/sysinfo.h>

int main(void)
{
	struct sysinfo info;
	unsigned long ram = 1UL << 30;

	if (sysinfo(&info) == 0)
		ram = info.totalram;
	else if (errno != ENOSYS)
		return 1;
	printf("assuming %lu bytes of memory\n", ram);
	return 0;
}
