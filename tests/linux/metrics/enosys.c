/* Calls the kernel lacks: a stubbed one (kexec_load) twice and an undefined number once. */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	int enosys = 0;

	for (int i = 0; i < 2; i++)
		enosys += syscall(SYS_kexec_load, 0, 0, NULL, 0) == -1 && errno == ENOSYS;
	enosys += syscall(400) == -1 && errno == ENOSYS;
	printf("%d calls failed with ENOSYS\n", enosys);
	return 0;
}
