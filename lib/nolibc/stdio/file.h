/* The FILE behind stdin, stdout and stderr, and the write path they share. */
#ifndef NOLIBC_STDIO_FILE_H
#define NOLIBC_STDIO_FILE_H

#include <stdbool.h>
#include <stdio.h>

struct _FILE {
	int fd;
	bool error; /* a write failed; sticky, reported by ferror() */
	char *buf;  /* line buffer, NULL when unbuffered */
	size_t size;
	size_t len;
};

/* Returns 0, or EOF after a failed write. */
int __stdio_write(FILE *f, const char *s, size_t len);

#endif /* NOLIBC_STDIO_FILE_H */
