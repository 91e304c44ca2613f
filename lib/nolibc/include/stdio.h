/*
 * Standard streams on the console: stdout is line-buffered (flushed at each
 * '\n', by fflush() and at exit), stderr unbuffered, stdin read a byte at a
 * time.  Formatting is lib/fmt's: no floating point.
 */
#ifndef _NOLIBC_STDIO_H
#define _NOLIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF    (-1)
#define BUFSIZ 1024

typedef struct _FILE FILE;

extern FILE *const stdin, *const stdout, *const stderr;
#define stdin  stdin
#define stdout stdout
#define stderr stderr

#define __nolibc_printf(a, b) __attribute__((format(printf, a, b)))

int printf(const char *restrict fmt, ...) __nolibc_printf(1, 2);
int vprintf(const char *restrict fmt, va_list ap);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __nolibc_printf(2, 3);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap);
int dprintf(int fd, const char *restrict fmt, ...) __nolibc_printf(2, 3);
int vdprintf(int fd, const char *restrict fmt, va_list ap);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) __nolibc_printf(3, 4);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __nolibc_printf(2, 3);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap);

size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict f);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
/* NULL flushes every stream. */
int fflush(FILE *f);
int ferror(FILE *f);
void perror(const char *s);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *restrict s, int size, FILE *restrict f);

#endif /* _NOLIBC_STDIO_H */
