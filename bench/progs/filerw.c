/*
 * File throughput in the file system holding DIR (ramfs under Tessera,
 * tmpfs on Linux): write a file of MIB MiB in 64 KiB writes, read it back;
 * prints MiB/s for each, the median of 5 rounds.
 *   filerw DIR [MIB]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define ROUNDS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char *argv[])
{
	static char buf[CHUNK];
	double write_rate[ROUNDS], read_rate[ROUNDS];
	long mib = argc > 2 ? atol(argv[2]) : 64;
	char path[4096];

	if (argc < 2) {
		fprintf(stderr, "usage: filerw DIR [MIB]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/filerw.dat", argv[1]);
	memset(buf, 'x', sizeof(buf));
	for (int r = 0; r < ROUNDS; r++) {
		int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
		double t0 = now();

		if (fd < 0) {
			perror(path);
			return 1;
		}
		for (long i = 0; i < mib * 1024 * 1024 / CHUNK; i++) {
			if (write(fd, buf, CHUNK) != CHUNK) {
				perror("write");
				return 1;
			}
		}
		write_rate[r] = mib / (now() - t0);
		lseek(fd, 0, SEEK_SET);
		t0 = now();
		while (read(fd, buf, CHUNK) > 0)
			;
		read_rate[r] = mib / (now() - t0);
		close(fd);
		unlink(path);
	}
	qsort(write_rate, ROUNDS, sizeof(double), compare);
	qsort(read_rate, ROUNDS, sizeof(double), compare);
	printf("write MiB/s: %.0f\nread MiB/s: %.0f\n", write_rate[ROUNDS / 2], read_rate[ROUNDS / 2]);
	return 0;
}
