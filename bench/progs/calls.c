/*
 * The cost of a call into the kernel, timed with the TSC over batches;
 * prints the median cycles per call.
 *   calls getppid|clock_gettime [CALLS_PER_BATCH]
 * getppid is the cheapest syscall there is; clock_gettime goes through the
 * C library, which takes it from the vDSO when the kernel provides one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
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
	long calls = argc > 2 ? atol(argv[2]) : 100000;
	double per_call[BATCHES];
	struct timespec ts;
	int getppid_calls;

	if (argc < 2 || (strcmp(argv[1], "getppid") && strcmp(argv[1], "clock_gettime"))) {
		fprintf(stderr, "usage: calls getppid|clock_gettime [CALLS_PER_BATCH]\n");
		return 2;
	}
	getppid_calls = !strcmp(argv[1], "getppid");
	for (int b = 0; b < BATCHES; b++) {
		unsigned long long t0 = __rdtsc();

		for (long i = 0; i < calls; i++) {
			if (getppid_calls)
				syscall(SYS_getppid);
			else
				clock_gettime(CLOCK_MONOTONIC, &ts);
		}
		per_call[b] = (double)(__rdtsc() - t0) / calls;
	}
	qsort(per_call, BATCHES, sizeof(double), compare);
	printf("%s cycles/call: %.1f\n", argv[1], per_call[BATCHES / 2]);
	return 0;
}
