/* Input, a byte at a time from read(); the console has no end of file. */
#include <unistd.h>
#include "file.h"

int fgetc(FILE *f)
{
	unsigned char c;

	/* A prompt without '\n' must show before the program waits for the answer. */
	if (f == stdin)
		fflush(stdout);
	if (read(f->fd, &c, 1) != 1) {
		f->error = true;
		return EOF;
	}
	return c;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* Up to and including a '\n', at most size - 1 characters; NULL if none came. */
char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int len = 0;

	if (size < 1)
		return NULL;
	while (len < size - 1) {
		int c = fgetc(f);

		if (c == EOF)
			break;
		s[len++] = (char)c;
		if (c == '\n')
			break;
	}
	if (!len && size > 1)
		return NULL;
	s[len] = '\0';
	return s;
}
