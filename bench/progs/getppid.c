/*
 * The cost of a system-call round trip: getppid, the cheapest call there
 * is, timed with the TSC over batches; prints the median cycles per call.
 *   getppid [CALLS_PER_BATCH]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

#define BATCHES 15

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char *argv[])
{
	long calls = argc > 1 ? atol(argv[1]) : 100000;
	double per_call[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		unsigned long long t0 = __rdtsc();

		for (long i = 0; i < calls; i++)
			syscall(SYS_getppid);
		per_call[b] = (double)(__rdtsc() - t0) / calls;
	}
	qsort(per_call, BATCHES, sizeof(double), compare);
	printf("getppid cycles/call: %.1f\n", per_call[BATCHES / 2]);
	return 0;
}
