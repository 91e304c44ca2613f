#include <errno.h>
#include <stdio.h>
#include <string.h>

void perror(const char *s)
{
	const char *message = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, message);
	else
		fprintf(stderr, "%s\n", message);
}
