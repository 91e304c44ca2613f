// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sends a byte through a pipe and checks it arrives: neither ENOSYS nor
 * a faked 0 gives it working descriptors. Expected: pipe2 is required.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int fds[2] = {-1, -1};
	char c = 0;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return 1;
	if (write(fds[1], "x", 1) != 1 || read(fds[0], &c, 1) != 1)
		return 2;
	return c == 'x' ? 0 : 3;
}
