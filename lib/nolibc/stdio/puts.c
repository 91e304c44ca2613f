#include <string.h>
#include "file.h"

int fputs(const char *restrict s, FILE *restrict f)
{
	return __stdio_write(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	return fputs(s, stdout) || fputc('\n', stdout) == EOF ? EOF : 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return __stdio_write(f, &ch, 1) ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}
