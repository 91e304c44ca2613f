/*
 * The process's file descriptors.  One table: a unikernel runs one process
 * (its threads share the table, as with CLONE_FILES).
 */
#ifndef TESSERA_FDTABLE_H
#define TESSERA_FDTABLE_H

#include <stdbool.h>

struct file;

#define FD_LIMIT_HARD    65536
#define FD_LIMIT_DEFAULT 1024

/* A new reference to the file open on fd, or NULL (-EBADF for the caller). */
struct file *fd_get(int fd);
/* Take over one reference to f at the lowest free descriptor >= min; -EMFILE when full. */
int fd_install(struct file *f, int min, bool cloexec);
/* Put f at exactly fd, closing what was there (dup2); fd must be below the limit. */
int fd_install_at(struct file *f, int fd, bool cloexec);
int fd_close(int fd);
int fd_get_cloexec(int fd);
int fd_set_cloexec(int fd, bool cloexec);
/* RLIMIT_NOFILE. */
unsigned int fd_limit(void);
int fd_set_limit(unsigned int limit);
/* The highest open descriptor, or -1. */
int fd_highest(void);

/* Whether match() is true of a file open on some descriptor. */
bool fd_table_holds(bool (*match)(const struct file *f, const void *arg), const void *arg);

/* fork: give the live table a copy and return the parent's, to come back with fd_table_restore. */
void *fd_table_fork(void);
void fd_table_restore(void *saved);

#endif
