/*
 * musl linked into the image: what its start-up sets up (thread-local
 * storage, constructors, the environment, stdio buffers, malloc, atexit)
 * works, and the output matches the same program on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static __thread int tls_counter = 41;
static __thread char tls_zeroed[64];
static int constructed;

__attribute__((constructor)) static void construct(void)
{
	constructed = 1;
}

static void goodbye(void)
{
	printf("atexit handler ran\n");
}

int main(int argc, char *argv[])
{
	size_t big = 8 << 20;
	char *p = malloc(big);
	FILE *f;
	char line[64];

	printf("argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "(none)");
	printf("constructor ran: %d\n", constructed);
	tls_zeroed[argc] = 7;
	printf("tls: %d %d %d\n", ++tls_counter, tls_zeroed[63], tls_zeroed[argc]);
	printf("float: %.3f sqrt2=%.6f\n", 3.14159, sqrt(2.0));
	printf("getenv(GREETING)=%s\n", getenv("GREETING") ? getenv("GREETING") : "(unset)");
	if (!p)
		return 1;
	memset(p, 0xab, big);
	printf("malloc 8 MiB: last byte %#x\n", (unsigned char)p[big - 1]);
	free(p);
	f = fopen("/tmp-musl-hello.txt", "w+");
	if (!f) {
		printf("fopen: %s\n", strerror(errno));
		return 1;
	}
	fprintf(f, "written through stdio\n");
	rewind(f);
	printf("read back: %s", fgets(line, sizeof(line), f));
	fclose(f);
	unlink("/tmp-musl-hello.txt");
	int fd = open("/no/such/file", O_RDONLY);
	printf("open missing: %d %s\n", fd, strerror(errno));
	atexit(goodbye);
	return 3;
}
