/* Exits with the status given as its first argument: the status round trip. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[])
{
	char *end;
	long status;

	if (argc != 2) {
		fprintf(stderr, "usage: %s STATUS\n", argv[0]);
		return 2;
	}
	status = strtol(argv[1], &end, 10);
	if (*end || status < 0 || status > 255) {
		fprintf(stderr, "%s: '%s' is not a status between 0 and 255\n", argv[0], argv[1]);
		return 2;
	}
	return (int)status;
}
