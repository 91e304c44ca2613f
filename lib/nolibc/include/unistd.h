/*
 * File descriptors 0, 1 and 2 on the console; any other is EBADF until a
 * later layer brings real ones.
 */
#ifndef _NOLIBC_UNISTD_H
#define _NOLIBC_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* "NAME=value" strings, NULL-terminated; set up by the boot code. */
extern char **environ;

ssize_t write(int fd, const void *buf, size_t n);
/* Blocks until at least one byte is there. */
ssize_t read(int fd, void *buf, size_t n);

#endif /* _NOLIBC_UNISTD_H */
